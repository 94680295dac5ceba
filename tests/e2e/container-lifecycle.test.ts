import { Container } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { useProviderHost } from "../support/fixture";
import { TestStack } from "../support/stack";

const fx = useProviderHost();

test("up creates a running container, up again is same, destroy removes it", async () => {
  const stack = new TestStack(fx.host);
  const program = () => {
    new Container("web", {
      image: BASE_IMAGE,
      labels: testLabels(),
      env: { GREETING: "hello", MODE: "test" },
      ports: ["127.0.0.1::8080", "127.0.0.1::9000/udp"],
    });
  };
  const first = await stack.up(program);
  expect(first.steps.web).toEqual({ op: "create" });
  const outs = first.outputs.web;
  const info = await docker.getContainer(stack.resource("web")!.id).inspect();
  expect(info.State.Running).toBe(true);
  expect(info.Name).toBe(`/${outs.name}`);
  expect(outs.name).toMatch(/^web-[a-z0-9]{7}$/);
  expect(outs.status).toBe("running");
  expect(outs.imageId).toBe(info.Image);
  expect(outs.image).toBe(BASE_IMAGE);
  expect(outs.ports.map((p: any) => [p.container, p.protocol, p.hostIp])).toEqual([
    [8080, "tcp", "127.0.0.1"],
    [9000, "udp", "127.0.0.1"],
  ]);
  expect(outs.ports.every((p: any) => p.host > 0)).toBe(true);
  expect(outs).toMatchObject({
    exitCode: 0,
    startedAt: info.State.StartedAt,
    restartCount: 0,
    health: "none",
    ipAddress: info.NetworkSettings.Networks.bridge.IPAddress,
  });
  expect(Object.keys(outs.networks)).toEqual(["bridge"]);
  expect(outs.networks.bridge).toEqual({
    ipAddress: info.NetworkSettings.Networks.bridge.IPAddress,
    gateway: info.NetworkSettings.Networks.bridge.Gateway,
    macAddress: info.NetworkSettings.Networks.bridge.MacAddress,
    aliases: [],
  });

  const second = await stack.up(program);
  expect(second.steps.web).toEqual({ op: "same" });

  const gone = await stack.destroy();
  expect(gone.steps.web).toEqual({ op: "delete" });
  await expect(docker.getContainer(info.Id).inspect()).rejects.toMatchObject({ statusCode: 404 });
});
