// The Volume provider against the real engine: create, no-op, drift, adopt with data, drivers, and deletes with
// and without containers that are not being deleted.
import { volumeProvider as provider } from "../../provider/volume";
import { docker, TEST_LABEL, testLabels } from "../support/engine";
import { execIn } from "../support/exec";
import { outsideUser } from "../support/users";

const RUN = testLabels()[TEST_LABEL];
const made: string[] = [];
let n = 0;
const unique = (what: string) => `dw-it-${RUN}-${what}-${n++}`;

async function checked(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const { inputs, failures } = await provider.check(olds, { __resourceName: "data", ...news, labels: { ...testLabels(), ...((news.labels as object) ?? {}) } });
  if (failures.length) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  return inputs;
}

async function created(news: Record<string, unknown>) {
  const inputs = await checked(news);
  const result = await provider.create(inputs);
  made.push(result.id);
  return { inputs, ...result };
}

const exists = (name: string) => docker.getVolume(name).inspect().then(() => true, () => false);

afterAll(async () => {
  for (const name of made) await docker.getVolume(name).remove().catch(() => undefined);
});

test("create makes the declared volume; outputs are what the engine reports; the same inputs are no change", async () => {
  const { id, outs, inputs } = await created({ driverOptions: { type: "tmpfs", device: "tmpfs", o: "size=8m" } });
  const info = (await docker.getVolume(id).inspect()) as unknown as { Name: string; Options: object; Labels: object; Mountpoint: string; CreatedAt: string };
  expect(id).toBe(inputs.__autoname);
  expect([info.Options, info.Labels]).toEqual([{ type: "tmpfs", device: "tmpfs", o: "size=8m" }, testLabels()]);
  expect(outs).toMatchObject({ name: id, driver: "local", mountpoint: info.Mountpoint, createdAt: info.CreatedAt });
  const again = await checked({ driverOptions: ["device=tmpfs", "o=size=8m", "type=tmpfs"] }, inputs);
  expect(again.__autoname).toBe(inputs.__autoname);
  expect(await provider.diff(id, outs, again)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  const changed = await checked({ driverOptions: { type: "tmpfs", device: "tmpfs", o: "size=16m" } }, inputs);
  expect(changed.__autoname).not.toBe(inputs.__autoname);
  expect(await provider.diff(id, outs, changed)).toEqual({ changes: true, replaces: ["driverOptions"], deleteBeforeReplace: false });
});

test("drift: removed outside Pulumi is a replacement and leaves the state on refresh; recreated with other labels is found", async () => {
  const name = unique("drift");
  const { id, outs, inputs } = await created({ name, labels: { v: "1" } });
  await docker.getVolume(id).remove();
  expect(await provider.diff(id, outs, inputs)).toEqual({ changes: true, replaces: ["id"], deleteBeforeReplace: true });
  expect(await provider.read(id, outs)).toEqual({ id: "", props: {}, inputs: {} });

  await docker.createVolume({ Name: name, Labels: { ...testLabels(), v: "2" } });
  expect(await provider.diff(id, outs, inputs)).toEqual({ changes: true, replaces: ["labels"], deleteBeforeReplace: true });
  const read = await provider.read(id, outs);
  expect(read.inputs.labels).toEqual({ ...testLabels(), v: "2" });
});

test("adopt takes over an existing volume and its data when it matches; a mismatch or a taken name without adopt fails", async () => {
  const name = unique("adopt");
  await docker.createVolume({ Name: name, Labels: { ...testLabels(), v: "1" } });
  made.push(name);
  const writer = await outsideUser(unique("writer"), { volume: name });
  await execIn(writer.id, ["sh", "-c", "echo kept > /data/file"]);
  await writer.remove({ force: true });

  await expect(provider.create(await checked({ name, labels: { v: "2" } }))).rejects.toThrow(/already exists.*set adopt: true to take it over with its data/);
  await expect(provider.create(await checked({ name, labels: { v: "2" }, adopt: true }))).rejects.toThrow(
    /cannot adopt volume .*: it differs from the declaration \(labels: .*"v":"1".* -> .*"v":"2".*dockwright does not remove data/,
  );
  const adopted = await provider.create(await checked({ name, labels: { v: "1" }, adopt: true }));
  expect(adopted.id).toBe(name);
  const reader = await outsideUser(unique("reader"), { volume: name });
  try {
    expect((await execIn(reader.id, ["cat", "/data/file"])).output).toBe("kept\n");
  } finally {
    await reader.remove({ force: true });
  }
});

test("an unknown driver fails at check naming driver; create fails the same way", async () => {
  const { failures } = await provider.check({}, { __resourceName: "data", driver: "no-such-driver" });
  expect(failures).toEqual([{ property: "driver", reason: expect.stringMatching(/"no-such-driver" is not a volume driver the engine at .* has; it has local/) }]);
  await expect(provider.create({ __resourceName: "data", __autoname: unique("drv"), driver: "no-such-driver" })).rejects.toThrow(/driver: .*Nothing was created/);
});

test("delete refuses while a container outside the deletion uses the volume (even stopped), naming it, and keeps the data", async () => {
  const { id, outs } = await created({});
  const userName = unique("user");
  const user = await outsideUser(userName, { volume: id });
  await user.stop({ t: 0 });
  try {
    await expect(provider.delete(id, outs)).rejects.toThrow(
      new RegExp(`cannot delete volume "${id}": containers that this run is not deleting use it: "${userName}" \\(${user.id.slice(0, 12)}\\)\\. The volume and its data are kept.*retainOnDelete`),
    );
    expect(await exists(id)).toBe(true);
  } finally {
    await user.remove({ force: true });
  }
  await provider.delete(id, outs);
  expect(await exists(id)).toBe(false);
  await provider.delete(id, outs);
});

test("delete waits for a container that is being removed at the same time", async () => {
  const { id, outs } = await created({});
  const user = await outsideUser(unique("leaving"), { volume: id });
  await Promise.all([provider.delete(id, outs), user.stop({ t: 1 }).then(() => user.remove())]);
  expect(await exists(id)).toBe(false);
});
