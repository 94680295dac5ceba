// The Network provider against the real engine: create, no-op, drift, replacement names, adopt, drivers, and
// deletes with and without containers that are not being deleted.
import { networkProvider as provider } from "../../provider/network";
import { docker, TEST_LABEL, testLabels } from "../support/engine";
import { freeSubnet } from "../support/networks";
import { outsideUser } from "../support/users";

const RUN = testLabels()[TEST_LABEL];
const made: string[] = [];
let n = 0;
const unique = (what: string) => `dw-it-${RUN}-${what}-${n++}`;

async function checked(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const { inputs, failures } = await provider.check(olds, { __resourceName: "net", ...news, labels: { ...testLabels(), ...((news.labels as object) ?? {}) } });
  if (failures.length) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  return inputs;
}

async function created(news: Record<string, unknown>) {
  const inputs = await checked(news);
  const result = await provider.create(inputs);
  made.push(result.id);
  return { inputs, ...result };
}

const exists = (id: string) => docker.getNetwork(id).inspect().then(() => true, () => false);

afterAll(async () => {
  for (const id of made) await docker.getNetwork(id).remove().catch(() => undefined);
});

test("create makes the declared network; its outputs are what the engine reports; the same inputs are no change", async () => {
  const net = freeSubnet();
  const { id, outs, inputs } = await created({ ipam: { config: [{ subnet: net.subnet, gateway: net.address(254), ipRange: `${net.address(128)}/25` }] }, internal: true, options: { "com.docker.network.driver.mtu": "1400" } });
  const info = await docker.getNetwork(id).inspect();
  expect(info.Name).toBe(inputs.__autoname);
  expect([info.Internal, info.Options, info.Labels]).toEqual([true, { "com.docker.network.driver.mtu": "1400" }, testLabels()]);
  expect(outs).toMatchObject({ name: info.Name, driver: "bridge", subnets: [net.subnet], gateways: [net.address(254)] });
  const again = await checked({ ipam: { config: [{ subnet: net.subnet, gateway: net.address(254), ipRange: `${net.address(128)}/25` }] }, internal: true, options: { "com.docker.network.driver.mtu": 1400 } }, inputs);
  expect(again.__autoname).toBe(inputs.__autoname);
  expect(await provider.diff(id, outs, again)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
});

test("an input change replaces: a generated name is renewed (old and new exist side by side); a fixed name goes first", async () => {
  const first = await created({});
  const next = await checked({ labels: { tier: "2" } }, first.inputs);
  expect(await provider.diff(first.id, first.outs, next)).toEqual({ changes: true, replaces: ["labels"], deleteBeforeReplace: false });
  const second = await provider.create(next);
  made.push(second.id);
  expect(second.outs.name).not.toBe(first.outs.name);
  expect(await exists(first.id)).toBe(true);

  const name = unique("fixed");
  const fixed = await created({ name });
  const changed = await checked({ name, attachable: true }, fixed.inputs);
  expect(await provider.diff(fixed.id, fixed.outs, changed)).toEqual({ changes: true, replaces: ["attachable"], deleteBeforeReplace: true });
});

test("a generated name that is taken gets another suffix at create, and that name is the output", async () => {
  const first = await created({});
  const second = await provider.create({ ...first.inputs });
  made.push(second.id);
  expect(second.outs.name).not.toBe(first.outs.name);
  expect(second.outs.__autoname).toBe(second.outs.name);
  // The stored generated name differs from the one in the inputs: that is no change.
  expect((await provider.diff(second.id, second.outs, first.inputs)).changes).toBe(false);
});

test("drift: removed outside Pulumi is a replacement and leaves the state on refresh; recreated with other labels, too", async () => {
  const name = unique("drift");
  const { id, outs, inputs } = await created({ name, labels: { v: "1" } });
  await docker.getNetwork(id).remove();
  expect(await provider.diff(id, outs, inputs)).toEqual({ changes: true, replaces: ["id"], deleteBeforeReplace: true });
  expect(await provider.read(id, outs)).toEqual({ id: "", props: {}, inputs: {} });

  const other = await docker.createNetwork({ Name: name, Labels: { ...testLabels(), v: "2" } });
  made.push(other.id);
  expect(await provider.diff(id, outs, inputs)).toMatchObject({ replaces: ["id"] });
  // With adopt, the network under that name is taken over only when it matches the declaration.
  await expect(provider.create(await checked({ name, labels: { v: "1" }, adopt: true }))).rejects.toThrow(
    new RegExp(`cannot adopt network "${name}" \\(${other.id.slice(0, 12)}\\): it differs from the declaration \\(labels: .*"v":"2".* -> .*"v":"1"`),
  );
  const adopted = await provider.create(await checked({ name, labels: { v: "2" }, adopt: true }));
  expect(adopted.id).toBe(other.id);
  // Without adopt, the taken name fails and says what to do.
  await expect(provider.create(await checked({ name, labels: { v: "2" } }))).rejects.toThrow(/already exists.*set adopt: true/);
});

test("refresh reads labels changed outside Pulumi into the inputs, so the next diff replaces", async () => {
  const { id, outs } = await created({ labels: { v: "1" } });
  // Labels cannot change in place: simulate the stored state of an older declaration instead.
  const stale = { ...outs, labels: { ...testLabels(), v: "0" } };
  const read = await provider.read(id, stale);
  expect(read.inputs.labels).toEqual({ ...testLabels(), v: "1" });
  expect(read.inputs.name).toBeUndefined();
  expect((await provider.diff(id, stale, { ...stale, __autoname: outs.__autoname })).replaces).toEqual(["labels"]);
});

test("an unknown driver fails at check naming driver and listing the engine's; create fails the same way", async () => {
  const { failures } = await provider.check({}, { __resourceName: "net", driver: "no-such-driver" });
  expect(failures).toEqual([{ property: "driver", reason: expect.stringMatching(/"no-such-driver" is not a network driver the engine at .* has; it has bridge, host/) }]);
  await expect(provider.create({ __resourceName: "net", __autoname: unique("drv"), driver: "no-such-driver" })).rejects.toThrow(
    /cannot create network .*: driver: "no-such-driver" is not a network driver.*Nothing was created/,
  );
  expect((await provider.check({}, { __resourceName: "net", driver: "bridge" })).failures).toEqual([]);
});

test("delete fails naming a container outside the deletion that is still attached, keeps the network, and succeeds once it left", async () => {
  const { id, outs } = await created({});
  const userName = unique("user");
  const user = await outsideUser(userName, { network: outs.name as string });
  try {
    const started = Date.now();
    await expect(provider.delete(id, outs)).rejects.toThrow(
      new RegExp(`cannot delete network "${outs.name}": containers that this run is not deleting still use it: "${userName}" \\(${user.id.slice(0, 12)}\\).*docker network disconnect`),
    );
    process.stdout.write(`network delete with an outside user failed after ${Date.now() - started} ms\n`);
    expect(await exists(id)).toBe(true);
  } finally {
    await user.remove({ force: true });
  }
  await provider.delete(id, outs);
  expect(await exists(id)).toBe(false);
  await provider.delete(id, outs); // already gone: fine
});

test("delete waits for a container that is being removed at the same time", async () => {
  const { id, outs } = await created({});
  const user = await outsideUser(unique("leaving"), { network: outs.name as string });
  // sleep as PID 1 ignores SIGTERM: the stop takes its full second, so the endpoint is there when delete starts.
  await Promise.all([provider.delete(id, outs), user.stop({ t: 1 }).then(() => user.remove())]);
  expect(await exists(id)).toBe(false);
});
