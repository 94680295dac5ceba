// Network and Volume resources through the real host: bad inputs at preview, drift, deletes with and without
// users outside the stack, adoption, and nothing left on the engine after destroy. (The examples' own runs, with
// containers moved to a replaced network in place and data kept across a container replacement, are in
// examples.test.ts.)
import { Container, Network, Volume, type NetworkArgs, type VolumeArgs } from "dockwright";
import * as pulumi from "@pulumi/pulumi";
import { docker, testLabels, TEST_LABEL } from "../support/engine";
import { useProviderHost } from "../support/fixture";
import { BASE_IMAGE } from "../support/images";
import { freeSubnet } from "../support/networks";
import { outsideUser } from "../support/users";

const fx = useProviderHost({ engineLog: true });
const run = testLabels()[TEST_LABEL];
let n = 0;
const unique = (what: string) => `dw-e2e-${run}-${what}-${n++}`;
const labels = testLabels();
const messages = () => fx.engine.take().map((e) => e.message);
const ops = (steps: Record<string, { op: string }>) => Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, s.op]));

const networkGone = (id: string) => docker.getNetwork(id).inspect().then(() => false, () => true);
const volumeGone = (name: string) => docker.getVolume(name).inspect().then(() => false, () => true);

test("bad inputs fail at preview naming the property: a subnet that is not CIDR, a gateway outside its subnet, unknown drivers", async () => {
  const stack = fx.newStack();
  const preview = async (args: NetworkArgs) => (await stack.preview(() => void new Network("net", { labels, ...args }), { allowErrors: true })).errors.map((e) => e.message).join("\n");
  expect(await preview({ ipam: { config: [{ subnet: "10.1.0.0" }] } })).toMatch(/property ipam\.config\[0\]\.subnet has a problem: "10.1.0.0" is not a subnet in CIDR notation/);
  expect(await preview({ ipam: { config: [{ subnet: "10.1.0.0/24", gateway: "10.2.0.1" }] } })).toMatch(
    /property ipam\.config\[0\]\.gateway has a problem: the gateway 10.2.0.1 is outside the subnet 10.1.0.0\/24/,
  );
  expect(await preview({ driver: "no-such-driver" })).toMatch(/property driver has a problem: "no-such-driver" is not a network driver the engine at .* has; it has bridge/);
  const volume = await stack.preview(() => void new Volume("data", { labels, driver: "no-such-driver" }), { allowErrors: true });
  expect(volume.errors.map((e) => e.message).join("\n")).toMatch(/property driver has a problem: "no-such-driver" is not a volume driver .* it has local/);
  expect(stack.state).toEqual([]);
});

test("create, no-op, drift: a network or volume removed outside Pulumi is recreated; a volume recreated with other labels is found at preview", async () => {
  const stack = fx.newStack();
  const volumeName = unique("vol");
  const net = freeSubnet();
  const program = () => {
    new Network("net", { labels, ipam: { config: [{ subnet: net.subnet, gateway: net.address(1) }] } });
    new Volume("data", { labels, name: volumeName });
  };
  const created = await stack.up(program);
  expect(ops(created.steps)).toEqual({ net: "create", data: "create" });
  expect(created.outputs.net).toMatchObject({ driver: "bridge", subnets: [net.subnet], gateways: [net.address(1)] });
  expect(created.outputs.data).toMatchObject({ name: volumeName, driver: "local", mountpoint: expect.stringContaining(volumeName) });
  expect(ops((await stack.up(program)).steps)).toEqual({ net: "same", data: "same" });
  const first = stack.resource("net")!;

  await docker.getNetwork(first.id).remove();
  await docker.getVolume(volumeName).remove();
  await docker.createVolume({ Name: volumeName, Labels: { ...labels, owner: "someone-else" } });
  fx.engine.take();
  expect(ops((await stack.preview(program)).steps)).toEqual({ net: "replace", data: "replace" });
  const said = messages().join("\n");
  expect(said).toContain(`network "${first.outputs.name}": ${first.id.slice(0, 12)} was removed outside Pulumi: it will be created again (replace)`);
  expect(said).toMatch(new RegExp(`volume "${volumeName}": labels: .*"owner":"someone-else".* -> .* \\(changed outside Pulumi\\) \\(replace\\)`));

  expect(ops((await stack.up(program)).steps)).toEqual({ net: "replace", data: "replace" });
  const again = stack.resource("net")!;
  expect(again.id).not.toBe(first.id);
  expect(again.outputs.name).toBe(first.outputs.name);
  expect(((await docker.getVolume(volumeName).inspect()) as unknown as { Labels: object }).Labels).toEqual(labels);
  expect(ops((await stack.up(program)).steps)).toEqual({ net: "same", data: "same" });

  // Refresh drops what is gone; the next up creates it.
  await docker.getNetwork(again.id).remove();
  expect(ops((await stack.refresh()).steps)).toEqual({ net: "delete", data: "refresh" });
  expect(ops((await stack.up(program)).steps)).toEqual({ net: "create", data: "same" });

  const ids = [stack.resource("net")!.id];
  await stack.destroy();
  expect(await networkGone(ids[0])).toBe(true);
  expect(await volumeGone(volumeName)).toBe(true);
});

test("delete with the stack's own users: containers go first, then the network and the volume, in one run", async () => {
  const stack = fx.newStack();
  const withApp = (app: boolean) => () => {
    const net = new Network("net", { labels });
    const data = new Volume("data", { labels });
    if (app) new Container("app", { image: BASE_IMAGE, labels, networks: [net.name], volumes: [pulumi.interpolate`${data.name}:/data`] });
  };
  const kept = () => {
    new Network("net", { labels });
    new Volume("data", { labels });
  };
  await stack.up(withApp(true));
  const net = stack.resource("net")!;
  const volume = stack.resource("data")!.id;
  // Removing the container from the program while keeping the others: only the container goes.
  expect(ops((await stack.up(kept)).steps)).toEqual({ net: "same", data: "same", app: "delete" });
  await stack.up(withApp(true));
  const app = stack.resource("app")!.id;
  // Removing everything at once: the container is deleted first, so neither delete finds a user.
  expect(ops((await stack.up(() => undefined)).steps)).toEqual({ net: "delete", data: "delete", app: "delete" });
  await expect(docker.getContainer(app).inspect()).rejects.toMatchObject({ statusCode: 404 });
  expect([await networkGone(net.id), await volumeGone(volume)]).toEqual([true, true]);
});

test("delete with users outside the stack fails naming them and keeps the network and the volume; once they are gone, destroy finishes", async () => {
  const stack = fx.newStack();
  const program = () => {
    new Network("net", { labels });
    new Volume("data", { labels });
  };
  await stack.up(program);
  const net = stack.resource("net")!;
  const volume = stack.resource("data")!.id;
  const userName = unique("outside");
  const user = await outsideUser(userName, { network: net.outputs.name, volume });
  try {
    const destroyed = await stack.destroy().catch((err: Error) => err);
    expect(destroyed).toBeInstanceOf(Error);
    const message = (destroyed as Error).message;
    expect(message).toContain(`cannot delete volume "${volume}": containers that this run is not deleting use it: "${userName}" (${user.id.slice(0, 12)}). The volume and its data are kept.`);
    expect(message).toContain(`cannot delete network "${net.outputs.name}": containers that this run is not deleting still use it: "${userName}" (${user.id.slice(0, 12)}). Disconnect them (docker network disconnect ${net.outputs.name} ${userName})`);
    expect(stack.state.map((r) => r.name).sort()).toEqual(["data", "net"]);
    expect([await networkGone(net.id), await volumeGone(volume)]).toEqual([false, false]);
  } finally {
    await user.remove({ force: true });
  }
  expect(ops((await stack.destroy()).steps)).toEqual({ data: "delete", net: "delete" });
  expect([await networkGone(net.id), await volumeGone(volume)]).toEqual([true, true]);
});

test("adopt takes over an existing network and volume by name (the volume's data kept); destroy then removes them", async () => {
  const netName = unique("adopt-net");
  const volName = unique("adopt-vol");
  const existingNet = await docker.createNetwork({ Name: netName, Labels: labels, CheckDuplicate: true });
  await docker.createVolume({ Name: volName, Labels: labels });
  const stack = fx.newStack();
  const args = { labels, adopt: true };
  const program = () => {
    new Network("net", { ...args, name: netName } as NetworkArgs);
    new Volume("data", { ...args, name: volName } as VolumeArgs);
  };
  fx.engine.take();
  expect(ops((await stack.up(program)).steps)).toEqual({ net: "create", data: "create" });
  expect(stack.resource("net")!.id).toBe(existingNet.id);
  expect(stack.resource("data")!.id).toBe(volName);
  // The two are created concurrently: their messages come in either order.
  expect([...messages()].sort()).toEqual([
    `network "${netName}": adopting ${existingNet.id.slice(0, 12)}, which already matches the declaration`,
    `volume "${volName}": adopting the existing volume and its data, which already matches the declaration`,
  ]);
  expect(ops((await stack.up(program)).steps)).toEqual({ net: "same", data: "same" });
  await stack.destroy();
  expect([await networkGone(existingNet.id), await volumeGone(volName)]).toEqual([true, true]);
});

test("a network with a fixed name is replaced delete-before-create", async () => {
  const stack = fx.newStack();
  const name = unique("fixed");
  const program = (internal: boolean) => () => void new Network("net", { labels, name, internal });
  await stack.up(program(false));
  const first = stack.resource("net")!.id;
  const replaced = await stack.up(program(true));
  expect(replaced.steps.net).toEqual({ op: "replace", replaces: ["internal"], deleteBeforeReplace: true });
  const info = await docker.getNetwork(name).inspect();
  expect([info.Id === first, info.Internal]).toEqual([false, true]);
  await stack.destroy();
  expect(await networkGone(info.Id)).toBe(true);
});
