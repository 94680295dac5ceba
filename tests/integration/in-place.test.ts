// Changes the update endpoint, rename and run state make in place: same container, same process.
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const MiB = 1024 * 1024;

async function createWith(options: Record<string, unknown>) {
  const inputs = await checkedInputs({ image: BASE_IMAGE, ...options });
  const created = await provider.create(inputs);
  const info = await docker.getContainer(created.id).inspect();
  return { inputs, ...created, pid: info.State.Pid };
}

/** Diff, update, then prove the same container and process carry the new values and nothing is left to do. */
async function changeInPlace(before: Awaited<ReturnType<typeof createWith>>, changes: Record<string, unknown>) {
  const next = await nextInputs(before.inputs, changes);
  const d = await provider.diff(before.id, before.outs, next);
  expect(d).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  const { outs } = await provider.update(before.id, before.outs, next);
  const info = await docker.getContainer(before.id).inspect();
  expect(info.State.Pid).toBe(before.pid);
  expect(info.State.Running).toBe(true);
  expect((await provider.diff(before.id, outs, next)).changes).toBe(false);
  return { info, outs, inputs: next };
}

test("memory, reservation, swap, cpus, shares, cpuset, pids limit and restart policy change in place", async () => {
  const c = await createWith({
    memory: "64m",
    memoryReservation: "32m",
    cpus: 0.5,
    cpuShares: 512,
    cpusetCpus: "0",
    pidsLimit: 100,
    restart: "on-failure:2",
  });
  const { info } = await changeInPlace(c, {
    memory: 128 * MiB,
    memoryReservation: "48m",
    cpus: 1.5,
    cpuShares: 1024,
    cpusetCpus: "0-1",
    pidsLimit: 200,
    restart: { name: "unless-stopped" },
  });
  expect(info.HostConfig).toMatchObject({
    Memory: 128 * MiB,
    MemoryReservation: 48 * MiB,
    NanoCpus: 1.5e9,
    CpuShares: 1024,
    CpusetCpus: "0-1",
    PidsLimit: 200,
    RestartPolicy: { Name: "unless-stopped", MaximumRetryCount: 0 },
  });
  await provider.delete(c.id, c.outs);
});

test("memory with an explicit swap limit, and the CFS period and quota, change in place", async () => {
  const c = await createWith({ memory: "64m", memorySwap: "128m", cpuPeriod: 100000, cpuQuota: 50000 });
  const { info } = await changeInPlace(c, { memory: "256m", memorySwap: "512m", cpuPeriod: 50000, cpuQuota: 100000 });
  expect(info.HostConfig).toMatchObject({ Memory: 256 * MiB, MemorySwap: 512 * MiB, CpuPeriod: 50000, CpuQuota: 100000 });
  await provider.delete(c.id, c.outs);
});

test("a declared name changes by renaming the running container", async () => {
  const c = await createWith({ name: "dw-rename-a" });
  const { info } = await changeInPlace(c, { name: "dw-rename-b" });
  expect(info.Name).toBe("/dw-rename-b");
  await provider.delete(c.id, c.outs);
});

test("what the engine cannot change in place replaces: unsetting memory or cpus, switching CPU models", async () => {
  const c = await createWith({ memory: "64m", cpus: 0.5 });
  const unset = await nextInputs(c.inputs, { memory: undefined, cpus: undefined });
  expect((await provider.diff(c.id, c.outs, unset)).replaces.sort()).toEqual(["cpus", "memory"]);
  const { cpus: _dropped, ...rest } = c.inputs;
  const quota = await nextInputs(rest, { cpuQuota: 50000 });
  expect((await provider.diff(c.id, c.outs, quota)).replaces.sort()).toEqual(["cpuQuota", "cpus"]);
  await provider.delete(c.id, c.outs);
});

test("a limit changed outside Pulumi is drift, put back in place", async () => {
  const c = await createWith({ memory: "64m", pidsLimit: 50 });
  await docker.getContainer(c.id).update({ PidsLimit: 70 });
  const d = await provider.diff(c.id, c.outs, c.inputs);
  expect(d).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  await provider.update(c.id, c.outs, c.inputs);
  expect((await docker.getContainer(c.id).inspect()).HostConfig.PidsLimit).toBe(50);
  await provider.delete(c.id, c.outs);
});
