// Through the real host: a one-line change in the program is an update in preview and in up, and the
// same container keeps running the same process.
import { Container, type ContainerArgs } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { makeCheckout, type Checkout } from "../support/checkout";
import { ProviderHost } from "../support/host";
import { TestStack } from "../support/stack";

let checkout: Checkout;
let host: ProviderHost;
let stack: TestStack;

beforeAll(async () => {
  checkout = makeCheckout({ copy: false });
  host = await ProviderHost.start({ cwd: checkout.dir });
  stack = new TestStack(host);
});

afterAll(async () => {
  await stack?.destroy().catch(() => undefined);
  await host?.stop();
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
  expect((await stack.preview(changed)).steps.web).toEqual({ op: "update" });
  const up = await stack.up(changed);
  expect(up.steps.web).toEqual({ op: "update" });
  expect(up.outputs.web.name).toBe("dw-e2e-site");
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Pid).toBe(pid);
  expect(info.Name).toBe("/dw-e2e-site");
  expect(info.HostConfig).toMatchObject({ Memory: 128 * 1024 * 1024, NanoCpus: 1e9, RestartPolicy: { Name: "always" } });
  expect((await stack.up(changed)).steps.web).toEqual({ op: "same" });

  const replaced = await stack.up(program({ name: "dw-e2e-site", memory: "128m", cpus: 1, restart: "always", env: { A: "1" } }));
  // A fixed name cannot exist twice: the old container goes first.
  expect(replaced.steps.web).toEqual({ op: "replace", replaces: ["env"], deleteBeforeReplace: true });
  expect(stack.resource("web")!.id).not.toBe(id);
});
