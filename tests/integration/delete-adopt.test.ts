// Delete settings (deleteTimeout, removeVolumes), autoRemove containers, and adopting an existing container.
import { dockerClient } from "../../provider/docker/client";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const run = testLabels()["dockwright-test"];

/** The Engine API requests the provider makes while `work` runs (method, path and query parameters). */
async function requests(work: () => Promise<unknown>): Promise<string[]> {
  // The engine's shared modem, under each client's deadline wrapper (provider/docker/deadlines.ts).
  const modem = Object.getPrototypeOf((await dockerClient()).docker.modem) as any;
  const dial = modem.dial;
  const seen: string[] = [];
  modem.dial = function (options: { method: string; path: string; options?: object }, callback: unknown) {
    seen.push(`${options.method} ${options.path.replace(/\?$/, "")} ${JSON.stringify(options.options ?? {})}`);
    return dial.call(this, options, callback);
  };
  try {
    await work();
  } finally {
    modem.dial = dial;
  }
  return seen;
}

async function anonymousVolumes(id: string): Promise<string[]> {
  const info = await docker.getContainer(id).inspect();
  return (info.Mounts ?? []).filter((m) => m.Type === "volume").map((m) => m.Name!);
}

async function volumeExists(name: string): Promise<boolean> {
  return docker.getVolume(name).inspect().then(() => true, () => false);
}

test("deleteTimeout overrides the stop timeout; removeVolumes false keeps anonymous volumes, the default removes them", async () => {
  const kept = await checkedInputs({ image: RICH_IMAGE, stopTimeout: 30, deleteTimeout: 1, removeVolumes: false });
  const a = await provider.create(kept);
  const [volume] = await anonymousVolumes(a.id);
  expect(volume).toBeDefined();
  const calls = await requests(() => provider.delete(a.id, a.outs));
  expect(calls).toContain(`POST /containers/${a.id}/stop {"t":1}`);
  expect(calls).toContain(`DELETE /containers/${a.id} {"v":false}`);
  expect(await volumeExists(volume)).toBe(true);
  await docker.getVolume(volume).remove();

  const removed = await provider.create(await checkedInputs({ image: RICH_IMAGE }));
  const [gone] = await anonymousVolumes(removed.id);
  const defaults = await requests(() => provider.delete(removed.id, removed.outs));
  // No timeout sent: the engine applies the container's own stop timeout and signal.
  expect(defaults).toContain(`POST /containers/${removed.id}/stop {}`);
  expect(await volumeExists(gone)).toBe(false);
});

test("changing a delete setting is an in-place update that stores it for delete, and touches nothing else", async () => {
  const inputs = await checkedInputs({ image: RICH_IMAGE });
  const { id, outs } = await provider.create(inputs);
  const pid = (await docker.getContainer(id).inspect()).State.Pid;
  const next = await nextInputs(inputs, { deleteTimeout: 3, removeVolumes: false });
  expect(await provider.diff(id, outs, next)).toMatchObject({ changes: true, replaces: [] });
  const updated = await provider.update(id, outs, next);
  expect(updated.outs).toMatchObject({ deleteTimeout: 3, removeVolumes: false });
  expect((await docker.getContainer(id).inspect()).State.Pid).toBe(pid);
  expect((await provider.diff(id, updated.outs, next)).changes).toBe(false);
  // Delete works from the stored outputs: the new settings apply.
  const [volume] = await anonymousVolumes(id);
  const calls = await requests(() => provider.delete(id, updated.outs));
  expect(calls).toContain(`POST /containers/${id}/stop {"t":3}`);
  expect(await volumeExists(volume)).toBe(true);
  await docker.getVolume(volume).remove();
});

test("an autoRemove container is held as such and deletes cleanly while it removes itself", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, autoRemove: true });
  const { id, outs } = await provider.create(inputs);
  expect((await docker.getContainer(id).inspect()).HostConfig.AutoRemove).toBe(true);
  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  expect((await provider.diff(id, outs, await nextInputs(inputs, { autoRemove: false }))).replaces).toEqual(["autoRemove"]);
  await provider.delete(id, outs);
  await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
});

describe("adopt", () => {
  const name = `dw-adopt-${run}`;
  let existingId = "";

  beforeEach(async () => {
    const c = await docker.createContainer({ Image: BASE_IMAGE, name, Labels: testLabels(), HostConfig: { Memory: 64 * 1024 * 1024 } });
    await c.start();
    existingId = c.id;
  });

  afterEach(async () => {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
  });

  test("without adopt, the name conflict is an error that suggests it", async () => {
    await expect(provider.create(await checkedInputs({ image: BASE_IMAGE, name }))).rejects.toThrow(/already has this name.*adopt: true/);
  });

  test("what can change in place is changed in place: same container, same process", async () => {
    const pid = (await docker.getContainer(existingId).inspect()).State.Pid;
    const inputs = await checkedInputs({ image: BASE_IMAGE, name, adopt: true, memory: "96m" });
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe(existingId);
    const info = await docker.getContainer(id).inspect();
    expect(info.State.Pid).toBe(pid);
    expect(info.HostConfig.Memory).toBe(96 * 1024 * 1024);
    expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  });

  test("what cannot change in place replaces the existing container", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, name, adopt: true, env: { MODE: "adopted" } });
    const { id } = await provider.create(inputs);
    expect(id).not.toBe(existingId);
    await expect(docker.getContainer(existingId).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await docker.getContainer(id).inspect()).Config.Env).toContain("MODE=adopted");
  });

  test("a replacement that cannot be created gives the adopted container back, running, under its name", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, name, adopt: true, runtime: "no-such-runtime" });
    await expect(provider.create(inputs)).rejects.toThrow(/Unknown runtime specified no-such-runtime/);
    const info = await docker.getContainer(existingId).inspect();
    expect([info.Name, info.State.Running]).toEqual([`/${name}`, true]);
  });

  test("with no container of that name, adopt simply creates one", async () => {
    await docker.getContainer(name).remove({ force: true });
    const { id, outs } = await provider.create(await checkedInputs({ image: BASE_IMAGE, name, adopt: true }));
    expect((await docker.getContainer(id).inspect()).Name).toBe(`/${name}`);
    await provider.delete(id, outs);
  });
});

test("a container started again between stop and remove is still removed (the stop had its graceful chance)", async () => {
  const { id, outs } = await provider.create(await checkedInputs({ image: BASE_IMAGE }));
  // Injected: the stop never reaches the engine, as if something restarted the container right after it.
  // The engine's shared modem, under each client's deadline wrapper (provider/docker/deadlines.ts).
  const modem = Object.getPrototypeOf((await dockerClient()).docker.modem) as any;
  const dial = modem.dial;
  modem.dial = function (options: { method: string; path: string }, callback: (err: unknown, data?: unknown) => void) {
    if (options.method === "POST" && options.path.startsWith(`/containers/${id}/stop`)) return callback(null, "");
    return dial.call(this, options, callback);
  };
  try {
    await provider.delete(id, outs);
  } finally {
    modem.dial = dial;
  }
  await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
});
