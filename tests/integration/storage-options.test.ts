// Storage options against the real engine: the container really sees its binds, volumes and tmpfs; every accepted
// form is idempotent; image VOLUMEs are not drift; a change replaces; delete keeps named volumes.
import { execIn } from "../support/exec";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { randomBytes } from "crypto";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs, readFromEngine } from "../support/provider";


/** A command inside the container (proof from inside rather than from inspect), its output trimmed. */
const run = async (id: string, cmd: string[]) => {
  const { exitCode, output } = await execIn(id, cmd);
  return { exitCode, output: output.trim() };
};

const suffix = randomBytes(3).toString("hex");
/** Volumes this file names; the engine creates the ones nobody created beforehand, without labels. */
const volumeNames: string[] = [];
function volumeName(what: string): string {
  const name = `dockwright-test-${what}-${suffix}`;
  volumeNames.push(name);
  return name;
}

let hostDir: string;

beforeAll(() => {
  hostDir = mkdtempSync("/tmp/dockwright-storage-");
  writeFileSync(join(hostDir, "hello"), "from the host\n");
});

afterAll(async () => {
  for (const name of volumeNames) await docker.getVolume(name).remove().catch(() => undefined);
  rmSync(hostDir, { recursive: true, force: true });
});

async function volumeExists(name: string): Promise<boolean> {
  return docker.getVolume(name).inspect().then(() => true, () => false);
}

test("volumes: binds, named and anonymous volumes are seen inside, idempotent in other forms, and replace on change", async () => {
  const labelled = volumeName("labelled");
  await docker.createVolume({ Name: labelled, Labels: testLabels() });
  const unlabelled = volumeName("engine-made");
  const inputs = await checkedInputs({
    image: RICH_IMAGE,
    volumes: [`${hostDir}/:/host:ro`, `${labelled}:/named`, "/scratch", { source: unlabelled, target: "/auto/" }],
  });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  // Binds hold the canonical strings, sorted by target; the image's VOLUME /data is an extra anonymous volume.
  expect(info.HostConfig.Binds).toEqual([`${unlabelled}:/auto`, `${hostDir}:/host:ro`, `${labelled}:/named`, "/scratch"]);
  const anonymous = info.Mounts.filter((m) => m.Type === "volume" && !volumeNames.includes(m.Name ?? "")).map((m) => m.Destination);
  expect(anonymous.sort()).toEqual(["/data", "/scratch"]);

  expect(await run(id, ["cat", "/host/hello"])).toEqual({ exitCode: 0, output: "from the host" });
  expect((await run(id, ["touch", "/host/new"])).exitCode).not.toBe(0);
  expect(await run(id, ["sh", "-c", "echo kept > /named/f && cat /named/f"])).toEqual({ exitCode: 0, output: "kept" });
  // The engine created the missing volume on first use, without labels: afterAll removes it by name.
  expect((await docker.getVolume(unlabelled).inspect()).Labels ?? {}).toEqual({});

  const otherForms = await nextInputs(inputs, {
    volumes: [
      { source: labelled, target: "/named", readOnly: false },
      `${unlabelled}:/auto:rw`,
      { target: "/scratch" },
      { source: hostDir, target: "/host", readOnly: true, propagation: "rprivate" },
    ],
  });
  expect(await provider.diff(id, outs, otherForms)).toMatchObject({ changes: false });

  for (const volumes of [[`${hostDir}:/host`, `${labelled}:/named`, "/scratch", `${unlabelled}:/auto`], [`${hostDir}:/host:ro`]]) {
    expect((await provider.diff(id, outs, await nextInputs(inputs, { volumes }))).replaces).toEqual(["volumes"]);
  }
  const { volumes: _v, ...undeclared } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(undeclared, {}))).replaces).toEqual(["volumes"]);

  // Refresh gives the program's volumes back; rebuilt from the engine alone, strings that describe the container exactly.
  expect((await provider.read(id, outs)).inputs!.volumes).toEqual(inputs.volumes);
  const read = await readFromEngine(id, outs);
  expect(read.inputs!.volumes).toEqual(info.HostConfig.Binds);
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);

  const anonymousNames = info.Mounts.filter((m) => m.Type === "volume" && !volumeNames.includes(m.Name ?? "")).map((m) => m.Name!);
  await provider.delete(id, outs);
  // Named volumes outlive the container (dockwright did not create them); anonymous ones go with it.
  expect(await volumeExists(labelled)).toBe(true);
  expect(await volumeExists(unlabelled)).toBe(true);
  for (const name of anonymousNames) expect([name, await volumeExists(name)]).toEqual([name, false]);
});

test("the image's VOLUME is not drift, also when a bind takes its place", async () => {
  const plain = await checkedInputs({ image: RICH_IMAGE });
  const first = await provider.create(plain);
  expect((await provider.diff(first.id, first.outs, plain)).changes).toBe(false);
  expect((await provider.read(first.id, first.outs)).inputs).not.toHaveProperty("volumes");
  await provider.delete(first.id, first.outs);

  const bound = await checkedInputs({ image: RICH_IMAGE, volumes: [`${hostDir}:/data`] });
  const second = await provider.create(bound);
  expect(await run(second.id, ["cat", "/data/hello"])).toEqual({ exitCode: 0, output: "from the host" });
  expect((await provider.diff(second.id, second.outs, bound)).changes).toBe(false);
  await provider.delete(second.id, second.outs);
});

test("mounts and tmpfs: sizes and modes hold inside, other forms are no change, changes replace", async () => {
  const vol = volumeName("mounted");
  const [labelKey, labelValue] = Object.entries(testLabels())[0];
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    mounts: [
      { type: "bind", source: hostDir, target: "/m/bind", readOnly: true },
      `type=volume,source=${vol},target=/m/vol,volume-nocopy,volume-label=${labelKey}=${labelValue}`,
      { type: "tmpfs", target: "/m/tmp", tmpfsOptions: { size: "8m", mode: "1770" } },
      "type=volume,target=/m/anon",
    ],
    tmpfs: { "/run": "rw,size=16m,noexec" },
  });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.HostConfig.Tmpfs).toEqual({ "/run": "noexec,size=16m" });
  expect(info.HostConfig.Mounts).toEqual([
    { Type: "volume", Target: "/m/anon" },
    { Type: "bind", Source: hostDir, Target: "/m/bind", ReadOnly: true },
    { Type: "tmpfs", Target: "/m/tmp", TmpfsOptions: { SizeBytes: 8 * 1024 * 1024, Mode: 0o1770 } },
    { Type: "volume", Source: vol, Target: "/m/vol", VolumeOptions: { NoCopy: true, Labels: testLabels() } },
  ]);
  // The engine created the volume with the mount's labels.
  expect((await docker.getVolume(vol).inspect()).Labels).toEqual(testLabels());

  expect(await run(id, ["cat", "/m/bind/hello"])).toEqual({ exitCode: 0, output: "from the host" });
  expect((await run(id, ["sh", "-c", "df -k /run | tail -1 | awk '{print $2}'"])).output).toBe("16384");
  expect((await run(id, ["sh", "-c", "df -k /m/tmp | tail -1 | awk '{print $2}'"])).output).toBe("8192");
  expect((await run(id, ["stat", "-c", "%a", "/m/tmp"])).output).toBe("1770");
  expect((await run(id, ["sh", "-c", "grep ' /run ' /proc/mounts"])).output).toMatch(/noexec/);

  const otherForms = await nextInputs(inputs, {
    mounts: [
      { type: "volume", target: "/m/anon", source: "" },
      { type: "tmpfs", target: "/m/tmp/", tmpfsOptions: { size: 8 * 1024 * 1024, mode: 0o1770 } },
      `type=bind,src=${hostDir}/,dst=/m/bind,readonly=true,bind-propagation=rprivate`,
      { type: "volume", source: vol, target: "/m/vol", volumeOptions: { noCopy: true, labels: testLabels() } },
    ],
    tmpfs: ["/run:noexec,size=16384k"],
  });
  expect(await provider.diff(id, outs, otherForms)).toMatchObject({ changes: false });

  const changes: Record<string, unknown> = {
    tmpfs: { "/run": "size=32m,noexec" },
    mounts: [{ type: "tmpfs", target: "/m/tmp", tmpfsOptions: { size: "8m" } }],
  };
  for (const [key, value] of Object.entries(changes)) {
    expect([key, (await provider.diff(id, outs, await nextInputs(inputs, { [key]: value }))).replaces]).toEqual([key, [key]]);
  }

  expect((await provider.read(id, outs)).inputs).toEqual(inputs);
  const read = await readFromEngine(id, outs);
  expect(read.inputs).toMatchObject({
    tmpfs: { "/run": "noexec,size=16m" },
    mounts: [
      { type: "volume", target: "/m/anon" },
      { type: "bind", source: hostDir, target: "/m/bind", readOnly: true },
      { type: "tmpfs", target: "/m/tmp", tmpfsOptions: { size: "8m", mode: "1770" } },
      { type: "volume", source: vol, target: "/m/vol", volumeOptions: { noCopy: true, labels: testLabels() } },
    ],
  });
  expect((await provider.check({}, read.inputs!)).failures).toEqual([]);
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  const anonymous = info.Mounts.find((m) => m.Destination === "/m/anon")!.Name!;
  expect(await volumeExists(anonymous)).toBe(true);
  await provider.delete(id, outs);
  // The named volume stays; the anonymous one, created through the Mounts API, goes with the container.
  expect(await volumeExists(vol)).toBe(true);
  expect(await volumeExists(anonymous)).toBe(false);
});

test("volumesFrom shares another container's volumes, read-only when asked; a replaced source is a change", async () => {
  const sourceInputs = await checkedInputs({ image: BASE_IMAGE, volumes: [`${hostDir}:/shared`, "/cache"] });
  let source = await provider.create(sourceInputs);
  const sourceName = String(source.outs.name);
  const inputs = await checkedInputs({ image: BASE_IMAGE, volumesFrom: `${sourceName}:ro` });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  // The name was sent as the id it stood for, so the engine's echo names that very container.
  expect(info.HostConfig.VolumesFrom).toEqual([`${source.id}:ro`]);
  expect(info.Mounts.map((m) => [m.Destination, m.RW]).sort()).toEqual([["/cache", false], ["/shared", false]]);
  expect(await run(id, ["cat", "/shared/hello"])).toEqual({ exitCode: 0, output: "from the host" });
  expect((await run(id, ["touch", "/cache/x"])).exitCode).not.toBe(0);

  for (const same of [[`${sourceName}:ro`], `${source.id}:ro`, `/${sourceName}:ro`]) {
    expect((await provider.diff(id, outs, await nextInputs(inputs, { volumesFrom: same }))).changes).toBe(false);
  }
  for (const volumesFrom of [sourceName, `${sourceName}:rw`, []]) {
    expect((await provider.diff(id, outs, await nextInputs(inputs, { volumesFrom }))).replaces).toEqual(["volumesFrom"]);
  }
  expect((await provider.read(id, outs)).inputs!.volumesFrom).toEqual(`${sourceName}:ro`);
  expect((await readFromEngine(id, outs)).inputs!.volumesFrom).toEqual([`${source.id}:ro`]);

  // Another container now carries the name: this one still holds the old one's volumes.
  await provider.delete(source.id, source.outs);
  source = await provider.create(sourceInputs);
  expect(source.outs.name).toBe(sourceName);
  expect((await provider.diff(id, outs, inputs)).replaces).toEqual(["volumesFrom"]);
  await provider.delete(id, outs);
  await provider.delete(source.id, source.outs);
});

test("volumeDriver names the driver for named volumes; a change replaces", async () => {
  const vol = volumeName("driver");
  const inputs = await checkedInputs({ image: BASE_IMAGE, volumeDriver: "local", volumes: [`${vol}:/v`] });
  const { id, outs } = await provider.create(inputs);
  expect((await docker.getContainer(id).inspect()).HostConfig.VolumeDriver).toBe("local");
  expect((await docker.getVolume(vol).inspect()).Driver).toBe("local");
  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  const { volumeDriver: _d, ...undeclared } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(undeclared, {}))).replaces).toEqual(["volumeDriver"]);
  await provider.delete(id, outs);
});

test("storageOpt size on vfs: the engine refuses it at create, and nothing is left behind", async () => {
  const name = `dockwright-test-storageopt-${suffix}`;
  const inputs = await checkedInputs({ image: BASE_IMAGE, name, storageOpt: { size: "1g" } });
  await expect(provider.create(inputs)).rejects.toThrow(/quotas/);
  const left = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [name] }) });
  expect(left).toEqual([]);
});
