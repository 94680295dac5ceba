// Through the real host: a one-line change in the program is an update in preview and in up, and the
// same container keeps running the same process.
import { Container, type ContainerArgs } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { makeCheckout, type Checkout } from "../support/checkout";
import { ProviderHost } from "../support/host";
import { TestStack } from "../support/stack";
import { EngineLogServer } from "../support/engine-log";
import * as pulumi from "@pulumi/pulumi";

let checkout: Checkout;
let engine: EngineLogServer;
let host: ProviderHost;
let stack: TestStack;

beforeAll(async () => {
  checkout = makeCheckout({ copy: false });
  engine = await EngineLogServer.start();
  host = await ProviderHost.start({ cwd: checkout.dir, engineAddress: engine.address });
  stack = new TestStack(host);
});

afterAll(async () => {
  await stack?.destroy().catch(() => undefined);
  await host?.stop();
  await engine?.stop();
  checkout?.remove();
});

const program = (args: Partial<ContainerArgs>) => () => {
  new Container("web", { image: BASE_IMAGE, labels: testLabels(), ...args });
};

test("memory, cpus, restart and name change in place; env still replaces", async () => {
  await stack.up(program({ name: "dw-e2e-web", memory: "64m", cpus: 0.5, restart: "no" }));
  const id = stack.resource("web")!.id;
  const pid = (await docker.getContainer(id).inspect()).State.Pid;

  const changed = program({ name: "dw-e2e-site", memory: "128m", cpus: 1, restart: "always" });
  engine.take();
  expect((await stack.preview(changed)).steps.web).toEqual({ op: "update" });
  // The preview explains itself: each property, old -> new, and how it is applied.
  expect(engine.take().map((e) => e.message)).toEqual([
    'container "dw-e2e-web": name: "dw-e2e-web" -> "dw-e2e-site" (in place, rename); memory: 64m -> 128m (in place); ' +
      "cpus: 0.5 -> 1 (in place); restart: no -> always (in place)",
  ]);
  const up = await stack.up(changed);
  expect(up.steps.web).toEqual({ op: "update" });
  expect(up.outputs.web.name).toBe("dw-e2e-site");
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Pid).toBe(pid);
  expect(info.Name).toBe("/dw-e2e-site");
  expect(info.HostConfig).toMatchObject({ Memory: 128 * 1024 * 1024, NanoCpus: 1e9, RestartPolicy: { Name: "always" } });
  engine.take();
  expect((await stack.up(changed)).steps.web).toEqual({ op: "same" });
  // No change, no message.
  expect(engine.take()).toEqual([]);

  // Drift (a limit changed outside Pulumi) shows as a bare update in the CLI: the message names it.
  await docker.getContainer(id).update({ Memory: 96 * 1024 * 1024, MemorySwap: 192 * 1024 * 1024 });
  expect((await stack.preview(changed)).steps.web).toEqual({ op: "update" });
  expect(engine.take().map((e) => e.message)).toEqual(['container "dw-e2e-site": memory: 96m -> 128m (changed outside Pulumi; in place)']);
  // A limit the program never declared, set outside Pulumi, cannot be taken away in place.
  await docker.getContainer(id).update({ CpuShares: 2048 });
  expect((await stack.preview(changed)).steps.web).toMatchObject({ op: "replace", replaces: ["cpuShares"] });
  expect(engine.take().map((e) => e.message)).toEqual([
    'container "dw-e2e-site": memory: 96m -> 128m (changed outside Pulumi; in place); cpuShares: 2048 -> unset (changed outside Pulumi; replace)',
    'container "dw-e2e-site": replace, swap: stop old, start new',
  ]);
  expect((await stack.up(changed)).steps.web).toMatchObject({ op: "replace" });
  const driftedAway = stack.resource("web")!.id;
  expect((await docker.getContainer(driftedAway).inspect()).HostConfig.Memory).toBe(128 * 1024 * 1024);
  const secret = "p4ss-never-shown";
  const replaced = await stack.up(
    program({ name: "dw-e2e-site", memory: "128m", cpus: 1, restart: "always", env: { A: "1", PASSWORD: pulumi.secret(secret) } }),
  );
  const messages = engine.take().map((e) => e.message);
  expect(messages.join("\n")).toContain("env: changed (replace)");
  expect(messages.join("\n")).not.toContain(secret);
  // A fixed name: the new container is created first, and takes the name once the old one has stopped.
  expect(replaced.steps.web).toEqual({ op: "replace", replaces: ["env"], deleteBeforeReplace: false });
  expect(stack.resource("web")!.id).not.toBe(driftedAway);
});
