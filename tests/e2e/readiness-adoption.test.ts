// Through the real host: waitForHealthy holds up until the engine reports healthy, adopt takes over a container
// made outside Pulumi in place, and delete honours deleteTimeout and removeVolumes.
import { Container, type ContainerArgs } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { useProviderHost } from "../support/fixture";
import { BASE_IMAGE, RICH_IMAGE } from "../support/images";

const fx = useProviderHost();
const run = testLabels()["dockwright-test"];

const program = (args: Partial<ContainerArgs>) => () => {
  new Container("app", { image: BASE_IMAGE, labels: testLabels(), ...args });
};

test("waitForHealthy: up returns once the engine reports the container healthy", async () => {
  const stack = fx.newStack();
  const declared = program({
    healthcheck: { test: ["CMD-SHELL", "test -e /tmp/up || (sleep 1; touch /tmp/up; false)"], interval: "500ms", retries: 5 },
    waitForHealthy: { timeout: "30s" },
  });
  const up = await stack.up(declared);
  expect(up.steps.app).toEqual({ op: "create" });
  expect(up.outputs.app.health).toBe("healthy");
  expect((await docker.getContainer(stack.resource("app")!.id).inspect()).State.Health?.Status).toBe("healthy");
  expect((await stack.up(declared)).steps.app).toEqual({ op: "same" });
  await stack.destroy();
});

test("adopt: a container made outside Pulumi is taken over in place, same process", async () => {
  const name = `dw-e2e-adopt-${run}`;
  const existing = await docker.createContainer({ Image: BASE_IMAGE, name, Labels: testLabels(), HostConfig: { Memory: 64 * 1024 * 1024 } });
  await existing.start();
  const pid = (await existing.inspect()).State.Pid;
  const stack = fx.newStack();
  const declared = program({ name, adopt: true, memory: "96m" });
  expect((await stack.up(declared)).steps.app).toEqual({ op: "create" });
  expect(stack.resource("app")!.id).toBe(existing.id);
  const info = await existing.inspect();
  expect([info.State.Pid, info.HostConfig.Memory]).toEqual([pid, 96 * 1024 * 1024]);
  expect((await stack.up(declared)).steps.app).toEqual({ op: "same" });
  await stack.destroy();
  await expect(existing.inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test("delete keeps anonymous volumes with removeVolumes: false", async () => {
  const stack = fx.newStack();
  await stack.up(program({ image: RICH_IMAGE, removeVolumes: false, deleteTimeout: 1 }));
  const id = stack.resource("app")!.id;
  const volume = (await docker.getContainer(id).inspect()).Mounts.find((m) => m.Type === "volume")!.Name!;
  await stack.destroy();
  await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  await docker.getVolume(volume).inspect();
  await docker.getVolume(volume).remove();
});
