// The quickstart under the real Pulumi CLI, as a user runs it with `npm run up`: what the CLI prints for a no-op,
// an in-place change, a replacement and drift, refresh of an untouched stack, and destroy.
import { CliStack, ok, useCliStacks } from "../support/cli";
import { docker, testLabels, TEST_LABEL } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { freePort } from "../support/ports";


const { example } = useCliStacks();
const quickstart = () => example("quickstart");

const containerId = (stack: CliStack) =>
  stack.exportState().deployment.resources.find((r: any) => r.urn.endsWith("::web")).id as string;

test("up, no-op, in-place change, replace, drift, refresh and destroy, as the CLI shows them", async () => {
  const stack = quickstart();
  const port = await freePort();
  stack.setConfig({ image: BASE_IMAGE, port, labels: testLabels() });

  const first = ok(await stack.up());
  expect(first.steps).toEqual({ web: "create" });
  expect(first.stdout).toMatch(/\+ 2 created/);
  const id = containerId(stack);
  const created = await docker.getContainer(id).inspect();
  expect([created.State.Running, created.HostConfig.Memory, created.HostConfig.NanoCpus]).toEqual([true, 128 * 1024 * 1024, 5e8]);
  expect(created.HostConfig.PortBindings["80/tcp"]).toEqual([{ HostIp: "127.0.0.1", HostPort: String(port) }]);

  // Nothing to do: the CLI's summary says so.
  const again = ok(await stack.up());
  expect(again.steps).toEqual({ web: "same" });
  expect(again.stdout).toMatch(/Resources:\s+2 unchanged/);

  // In place: the property with old and new value, and how it will be applied.
  stack.setConfig({ memory: "256m" });
  const inPlace = ok(await stack.preview({ diff: true }));
  expect(inPlace.steps).toEqual({ web: "update" });
  expect(inPlace.stdout).toContain(`~ memory: "128m" => "256m"`);
  expect(inPlace.text).toMatch(/container "web-\w+": memory: 128m -> 256m \(in place\)/);
  expect(inPlace.stdout).toMatch(/~ 1 to update/);
  const pid = created.State.Pid;
  expect(ok(await stack.up()).steps).toEqual({ web: "update" });
  const updated = await docker.getContainer(id).inspect();
  expect([updated.State.Pid, updated.HostConfig.Memory]).toEqual([pid, 256 * 1024 * 1024]);

  // Replace: a new environment needs a new container; with a fixed host port it is swapped in (stop old, start new).
  stack.setConfig({ env: { GREETING: "hello" } });
  const replace = ok(await stack.preview({ diff: true }));
  expect(replace.steps).toEqual({ web: "replace" });
  expect(replace.stdout).toContain("+-pulumi-nodejs:dynamic/dockwright:Container: (replace)");
  expect(replace.stdout).toMatch(/\+ GREETING\s*: "hello"/);
  expect(replace.text).toMatch(/env: changed \(replace\)/);
  expect(replace.text).toMatch(/container "web-\w+": replace, swap: stop old, start new/);
  expect(ok(await stack.up()).steps).toEqual({ web: "replace" });
  const replacedId = containerId(stack);
  expect(replacedId).not.toBe(id);
  await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });

  // Drift: changed outside Pulumi, shown as such, and converged in place.
  await docker.getContainer(replacedId).update({ Memory: 300 * 1024 * 1024, MemorySwap: 600 * 1024 * 1024 });
  const drift = ok(await stack.preview({ diff: true }));
  expect(drift.steps).toEqual({ web: "update" });
  expect(drift.text).toMatch(/memory: 300m -> 256m \(changed outside Pulumi; in place\)/);
  expect(ok(await stack.up()).steps).toEqual({ web: "update" });
  expect((await docker.getContainer(replacedId).inspect()).HostConfig.Memory).toBe(256 * 1024 * 1024);

  await docker.getContainer(replacedId).stop({ t: 1 });
  const stopped = ok(await stack.preview({ diff: true }));
  expect(stopped.text).toMatch(/state: "stopped" -> "running" \(changed outside Pulumi; in place, run state\)/);
  ok(await stack.up());
  expect((await docker.getContainer(replacedId).inspect()).State.Running).toBe(true);

  // Refresh of an untouched stack changes nothing (the CLI fails with --expect-no-changes otherwise).
  const refresh = ok(await stack.refresh({ expectNoChanges: true }));
  expect(refresh.stdout).toMatch(/Resources:\s+2 unchanged/);
  ok(await stack.preview({ expectNoChanges: true }));

  const destroy = ok(await stack.destroy());
  expect(destroy.steps).toEqual({ web: "delete" });
  const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${TEST_LABEL}=${testLabels()[TEST_LABEL]}`, "com.example.stack=quickstart"] }) });
  expect(left).toEqual([]);
});
