// Point 2 of the foundation: the serialized provider survives moved checkouts and provider-code changes.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Container } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { makeCheckout, type Checkout } from "../support/checkout";
import { ProviderHost } from "../support/host";
import { TestStack } from "../support/stack";

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

async function hostIn(checkout: Checkout): Promise<ProviderHost> {
  const host = await ProviderHost.start({ cwd: checkout.dir });
  cleanups.push(() => host.stop());
  return host;
}

function checkout(copy: boolean): Checkout {
  const c = makeCheckout({ copy });
  cleanups.push(() => c.remove());
  return c;
}

const program = (env: Record<string, string>) => () => {
  new Container("app", { image: BASE_IMAGE, labels: testLabels(), env });
};

test("__provider, as the SDK serializes it, is about a kilobyte and names no path", async () => {
  const stack = new TestStack(await hostIn(checkout(false)));
  await stack.preview(program({ A: "1" }));
  // preview leaves no state; run up to see what is stored.
  await stack.up(program({ A: "1" }));
  const stored = stack.resource("app")!;
  const text: string = stored.inputs.__provider;
  process.stdout.write(`__provider as stored in state: ${Buffer.byteLength(text)} bytes\n`);
  expect(Buffer.byteLength(text)).toBeLessThan(1500);
  expect(text).toContain('require("dockwright/provider")');
  expect(text).not.toMatch(/node_modules|\/work\/|\/tmp\/|dockerode/);
  // The host copies it into the outputs, which read and delete use.
  expect(stored.outputs.__provider).toBe(text);
  await stack.destroy();
});

test("a stack created from one checkout is read, updated and deleted from another", async () => {
  const a = checkout(true);
  const hostA = await hostIn(a);
  const stack = new TestStack(hostA);
  await stack.up(program({ A: "1" }));
  const id = stack.resource("app")!.id;
  await hostA.stop();
  a.remove(); // the first checkout is gone, as on a CI runner that was recycled

  const b = checkout(true);
  const moved = new TestStack(await hostIn(b), { stack: stack.stackName });
  moved.state = stack.state;
  const refreshed = await moved.refresh();
  expect(refreshed.steps.app).toMatchObject({ op: "refresh" });
  // Update in place: the container was stopped outside Pulumi; the next up starts it again.
  await docker.getContainer(id).stop({ t: 0 });
  const up = await moved.up(program({ A: "1" }));
  expect(up.steps.app).toEqual({ op: "update" });
  expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  // Replace (create the new one, then delete the old one) and destroy, all from the second checkout.
  const replaced = await moved.up(program({ A: "2" }));
  expect(replaced.steps.app).toMatchObject({ op: "replace", replaces: ["env"] });
  await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  const newId = moved.resource("app")!.id;
  await moved.destroy();
  await expect(docker.getContainer(newId).inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test("a change in provider code alone produces no diff", async () => {
  const a = checkout(true);
  const stack = new TestStack(await hostIn(a));
  await stack.up(program({ A: "1" }));
  const before = stack.resource("app")!.inputs.__provider;

  // A new provider build (the same SDK): the serialized provider does not change, and nothing is planned.
  const b = checkout(true);
  const providerFile = join(b.packageDir, "dist", "provider", "index.js");
  appendFileSync(providerFile, "\n// a provider-only change\nexports.buildMarker = 'changed';\n");
  expect(readFileSync(providerFile, "utf8")).toContain("buildMarker");
  const next = new TestStack(await hostIn(b), { stack: stack.stackName });
  next.state = stack.state;
  const result = await next.up(program({ A: "1" }));
  expect(result.steps.app).toEqual({ op: "same" });
  expect(next.resource("app")!.inputs.__provider).toBe(before);
  await next.destroy();
});

test("diff ignores __provider", async () => {
  const host = await hostIn(checkout(false));
  const stack = new TestStack(host);
  await stack.up(program({ A: "1" }));
  const res = stack.resource("app")!;
  const olderProvider = `${res.outputs.__provider}\n// serialized by an older SDK\n`;
  const d = await host.diff(res.urn, res.id, { ...res.outputs, __provider: olderProvider }, res.inputs, {
    ...res.inputs,
    __provider: olderProvider,
  });
  expect(d).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  await stack.destroy();
});

test("where dockwright is not installed, every call fails and a delete is never taken as done", async () => {
  const stack = new TestStack(await hostIn(checkout(false)));
  await stack.up(program({ A: "1" }));
  const id = stack.resource("app")!.id;

  // A folder without dockwright: `require("dockwright/provider")` fails in configure.
  const empty = mkdtempSync(join(tmpdir(), "dockwright-empty-"));
  cleanups.push(() => rmSync(empty, { recursive: true, force: true }));
  const broken = new TestStack(await ProviderHost.start({ cwd: empty }), { stack: stack.stackName });
  broken.state = [...stack.state];
  for (let attempt = 0; attempt < 2; attempt++) {
    await expect(broken.destroy()).rejects.toThrow(/Cannot find module 'dockwright\/provider'|dockwright could not be loaded/);
    expect(broken.resource("app")).toBeDefined();
  }
  await broken.host.stop();
  expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  await stack.destroy();
});
