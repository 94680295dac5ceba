// `pulumi refresh` of containers nothing touched shows no change: the inputs read back are the program's own
// (its spelling, its declared defaults, nothing it did not declare), and so are the outputs.
import { Container } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE, IDLE_SCRIPT } from "../support/images";
import { useProviderHost } from "../support/fixture";

const fx = useProviderHost();

test("refresh of untouched containers changes nothing, and the next up is the same", async () => {
  const stack = fx.newStack();
  const program = () => {
    new Container("web", {
      image: BASE_IMAGE,
      labels: testLabels(),
      entrypoint: ["sh", "-c", IDLE_SCRIPT],
      memory: "64m",
      shmSize: "32m",
      restart: "on-failure:2",
      ports: ["127.0.0.1::8080"],
      env: ["MODE=prod"],
      tty: false,
      state: "running",
    });
    new Container("cleared", { image: BASE_IMAGE, labels: testLabels(), entrypoint: [], command: [] });
  };
  await stack.up(program);
  const before = Object.fromEntries(stack.state.map((r) => [r.name, structuredClone({ inputs: r.inputs, outputs: r.outputs })]));

  const refreshed = await stack.refresh();
  expect(refreshed.steps).toEqual({ web: { op: "refresh", changed: false }, cleared: { op: "refresh", changed: false } });
  for (const res of stack.state) {
    expect({ inputs: res.inputs, outputs: res.outputs }).toEqual(before[res.name]);
  }
  expect((await stack.preview(program)).steps).toEqual({ web: { op: "same" }, cleared: { op: "same" } });

  // Drift still shows: a memory limit changed outside Pulumi is read back, and up puts it back in place.
  await docker.getContainer(stack.resource("web")!.id).update({ Memory: 96 * 1024 * 1024, MemorySwap: 192 * 1024 * 1024 });
  expect((await stack.refresh()).steps.web).toEqual({ op: "refresh", changed: true });
  expect(stack.resource("web")!.inputs.memory).toBe(96 * 1024 * 1024);
  expect((await stack.up(program)).steps.web).toEqual({ op: "update" });
  expect((await docker.getContainer(stack.resource("web")!.id).inspect()).HostConfig.Memory).toBe(64 * 1024 * 1024);
});
