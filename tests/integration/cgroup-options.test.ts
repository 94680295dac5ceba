// Kernel and cgroup options against the real engine: held by inspect and by the kernel inside the container, no change in
// other forms or when undeclared, and every change (removal included) replaces. Values this kernel cannot hold fail create.
import { execIn } from "../support/exec";
import { existsSync, readdirSync, readFileSync, rmdirSync } from "fs";
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs, readFromEngine } from "../support/provider";

/** A real block device of the engine's host (the engine is local): throttles need one. */
function blockDevice(): { path: string; majorMinor: string } {
  const names = readdirSync("/sys/block");
  const name = names.find((n) => !/^(loop|ram|zram|dm-|sr|md|nbd)/.test(n)) ?? names.find((n) => n.startsWith("loop"));
  if (!name) throw new Error("no block device under /sys/block for the device throttle tests");
  return { path: `/dev/${name}`, majorMinor: readFileSync(`/sys/block/${name}/dev`, "utf8").trim() };
}


/** Output of a shell script run inside the container: the kernel's view, not the engine's record. */
const inside = async (id: string, script: string) => (await execIn(id, ["sh", "-c", script])).output;

const CGROUP_PARENT = "dockwright-test-cgroup";

/** runc leaves a declared parent cgroup behind, empty: remove it from every controller (best effort). */
function removeEmptyCgroups(paths: string[]): void {
  for (const controller of readdirSync("/sys/fs/cgroup")) {
    for (const path of paths.filter((p) => p.endsWith(CGROUP_PARENT))) {
      try {
        rmdirSync(`/sys/fs/cgroup/${controller}${path}`);
      } catch {
        // Absent in this controller.
      }
    }
  }
}

const device = blockDevice();

const declared = {
  memory: "64m",
  memorySwappiness: 10,
  cpuRtPeriod: 500000,
  deviceReadBps: [`${device.path}:1mb`],
  deviceWriteBps: [{ path: device.path, rate: "2mb" }],
  deviceReadIops: `${device.path}:1000`,
  deviceWriteIops: [{ path: device.path, rate: 500 }],
  oomKillDisable: true,
  oomScoreAdj: 500,
  shmSize: "128m",
  ulimits: ["nofile=1024:2048", "NPROC=512"],
  sysctls: { "net.core.somaxconn": 1024, "kernel.shmmax": "1000000" },
  cgroupParent: CGROUP_PARENT,
};

test("the engine and the kernel hold every value; other forms are no change; each change and each removal replaces", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, ...declared });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Running).toBe(true);
  expect(info.HostConfig).toMatchObject({
    MemorySwappiness: 10,
    CpuRealtimePeriod: 500000,
    BlkioDeviceReadBps: [{ Path: device.path, Rate: 1048576 }],
    BlkioDeviceWriteBps: [{ Path: device.path, Rate: 2097152 }],
    BlkioDeviceReadIOps: [{ Path: device.path, Rate: 1000 }],
    BlkioDeviceWriteIOps: [{ Path: device.path, Rate: 500 }],
    OomKillDisable: true,
    OomScoreAdj: 500,
    ShmSize: 134217728,
    Ulimits: [
      { Name: "nofile", Soft: 1024, Hard: 2048 },
      { Name: "nproc", Soft: 512, Hard: 512 },
    ],
    Sysctls: { "kernel.shmmax": "1000000", "net.core.somaxconn": "1024" },
    CgroupParent: CGROUP_PARENT,
  });

  const kernel = await inside(
    id,
    [
      "cat /sys/fs/cgroup/memory/memory.swappiness",
      "cat /sys/fs/cgroup/cpu/cpu.rt_period_us",
      "cat /sys/fs/cgroup/blkio/blkio.throttle.read_bps_device /sys/fs/cgroup/blkio/blkio.throttle.write_bps_device",
      "cat /sys/fs/cgroup/blkio/blkio.throttle.read_iops_device /sys/fs/cgroup/blkio/blkio.throttle.write_iops_device",
      "grep oom_kill_disable /sys/fs/cgroup/memory/memory.oom_control",
      "cat /proc/1/oom_score_adj",
      "df -k /dev/shm | tail -1",
      "grep -E 'open files|processes' /proc/1/limits",
      "cat /proc/sys/net/core/somaxconn /proc/sys/kernel/shmmax",
      "grep :memory: /proc/1/cgroup",
    ].join("; "),
  );
  const lines = kernel.split("\n").map((l) => l.trim().replace(/\s+/g, " "));
  expect(lines.slice(0, 7)).toEqual([
    "10",
    "500000",
    `${device.majorMinor} 1048576`,
    `${device.majorMinor} 2097152`,
    `${device.majorMinor} 1000`,
    `${device.majorMinor} 500`,
    "oom_kill_disable 1",
  ]);
  expect(lines[7]).toBe("500");
  expect(lines[8]).toMatch(/^shm 131072 /);
  expect(lines.slice(9, 11)).toEqual(["Max processes 512 512 processes", "Max open files 1024 2048 files"]);
  expect(lines.slice(11, 13)).toEqual(["1024", "1000000"]);
  // A relative parent is relative to the engine's own cgroup (here not the root).
  const cgroupPath = /:memory:(.*)$/.exec(lines[13])?.[1] ?? "";
  expect(cgroupPath).toMatch(new RegExp(`(^|/)${CGROUP_PARENT}/${id}$`));

  const otherForms = await nextInputs(inputs, {
    deviceReadBps: [{ path: device.path, rate: 1048576 }],
    deviceWriteBps: `${device.path}:2048k`,
    deviceReadIops: [{ path: device.path, rate: "1000" }],
    deviceWriteIops: [`${device.path}:500`],
    shmSize: 134217728,
    ulimits: [{ name: "nproc", soft: 512 }, { name: "NOFILE", soft: 1024, hard: 2048 }],
    sysctls: ["kernel.shmmax=1000000", "net.core.somaxconn=1024"],
  });
  expect(await provider.diff(id, outs, otherForms)).toMatchObject({ changes: false });

  const changes: Record<string, unknown> = {
    memorySwappiness: 0,
    cpuRtPeriod: 1000000,
    deviceReadBps: [`${device.path}:2mb`],
    deviceWriteBps: [`${device.path}:1mb`],
    deviceReadIops: [`${device.path}:2000`],
    deviceWriteIops: [`${device.path}:1000`],
    oomKillDisable: false,
    oomScoreAdj: 100,
    shmSize: "64m",
    ulimits: ["nofile=1024:4096", "nproc=512"],
    sysctls: { "net.core.somaxconn": "1024" },
    cgroupParent: `${CGROUP_PARENT}-other`,
  };
  for (const [key, value] of Object.entries(changes)) {
    const d = await provider.diff(id, outs, await nextInputs(inputs, { [key]: value }));
    expect([key, d.replaces]).toEqual([key, [key]]);
  }
  // Removing a declared value goes back to the engine's default: a change too. Except shmSize, whose default is
  // the daemon's own (default-shm-size, which the engine does not report): undeclared, it is not compared.
  for (const key of Object.keys(changes)) {
    const { [key]: _removed, ...rest } = inputs;
    const d = await provider.diff(id, outs, await nextInputs(rest, {}));
    expect([key, d.replaces]).toEqual([key, key === "shmSize" ? [] : [key]]);
  }

  // Refresh gives the program's inputs back; rebuilt from the engine alone, they describe this container (all but
  // shmSize, which cannot be told from a daemon's own default and so is read back only while declared).
  expect((await provider.read(id, outs)).inputs).toEqual(inputs);
  const refreshed = await readFromEngine(id, outs);
  expect(refreshed.inputs).not.toHaveProperty("shmSize");
  expect(refreshed.inputs).toMatchObject({
    memorySwappiness: 10,
    ulimits: [
      { name: "nofile", soft: 1024, hard: 2048 },
      { name: "nproc", soft: 512, hard: 512 },
    ],
    deviceReadBps: [{ path: device.path, rate: 1048576 }],
    cgroupParent: CGROUP_PARENT,
  });
  expect(await provider.diff(id, outs, await checkedInputs(refreshed.inputs!, inputs))).toMatchObject({ changes: false });
  await provider.delete(id, outs);
  removeEmptyCgroups([cgroupPath.replace(/\/[^/]+$/, ""), `/${CGROUP_PARENT}`]);
});

test("undeclared, nothing differs; declaring the engine's defaults (shmSize 64m) is no change", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE });
  const { id, outs } = await provider.create(inputs);
  expect((await docker.getContainer(id).inspect()).HostConfig).toMatchObject({ ShmSize: 67108864, MemorySwappiness: null });
  expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false });
  const defaults = await nextInputs(inputs, { shmSize: "64m" });
  expect(await provider.diff(id, outs, defaults)).toMatchObject({ changes: false });
  // Refresh keeps the undeclared options out of the inputs.
  const refreshed = await provider.read(id, outs);
  for (const key of ["shmSize", "memorySwappiness", "ulimits", "sysctls", "deviceReadBps", "oomScoreAdj", "kernelMemory", "cgroupParent"]) {
    expect([key, refreshed.inputs?.[key]]).toEqual([key, undefined]);
  }
  await provider.delete(id, outs);
});

test("kernelMemory (deprecated) is held by this engine; another form is no change, a change replaces", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, kernelMemory: "64m" });
  const { id, outs } = await provider.create(inputs);
  expect((await docker.getContainer(id).inspect()).HostConfig.KernelMemory).toBe(67108864);
  expect(await provider.diff(id, outs, await nextInputs(inputs, { kernelMemory: 67108864 }))).toMatchObject({ changes: false });
  expect((await provider.diff(id, outs, await nextInputs(inputs, { kernelMemory: "128m" }))).replaces).toEqual(["kernelMemory"]);
  await provider.delete(id, outs);
});

/** Containers of this test run carrying one of the labels given (to see that nothing was left behind). */
async function labelled(marker: string) {
  return docker.listContainers({ all: true, filters: JSON.stringify({ label: [`dockwright-cgroup-probe=${marker}`] }) });
}

// On this kernel (no CFQ, BFQ without blkio.weight in cgroup v1) the engine discards block I/O weights with a warning.
const weightSupported = existsSync("/sys/fs/cgroup/blkio/blkio.weight");

test.each([
  ["blkioWeight", 300, "BlkioWeight", 300],
  ["blkioWeightDevice", `${device.path}:200`, "BlkioWeightDevice", [{ Path: device.path, Weight: 200 }]],
])("%s: kept where the kernel can weigh block I/O, else create fails naming it and leaves nothing", async (key, value, field, held) => {
  const marker = `${key}-${Date.now()}`;
  const inputs = await checkedInputs({ image: BASE_IMAGE, [key]: value, labels: { "dockwright-cgroup-probe": marker } });
  if (weightSupported) {
    const { id, outs } = await provider.create(inputs);
    expect((await docker.getContainer(id).inspect()).HostConfig).toMatchObject({ [field]: held });
    await provider.delete(id, outs);
    return;
  }
  await expect(provider.create(inputs)).rejects.toThrow(
    new RegExp(`the engine accepted but did not keep ${key} \\(${key}: (unset|none) -> .*\\).*does not support the value; nothing was created`),
  );
  expect(await labelled(marker)).toHaveLength(0);
});

test("cpuRtRuntime needs real-time time in the engine's own cgroup: without it the container does not start, and says why", async () => {
  const available = Number(readFileSync("/sys/fs/cgroup/cpu/docker/cpu.rt_runtime_us", "utf8"));
  const inputs = await checkedInputs({ image: BASE_IMAGE, cpuRtPeriod: 1000000, cpuRtRuntime: 10000 });
  const result = await provider.create(inputs).then(
    (created) => ({ created, err: undefined }),
    (err) => ({ created: undefined, err }),
  );
  if (available >= 10000) {
    expect(result.created).toBeDefined();
    const { id, outs } = result.created!;
    expect((await docker.getContainer(id).inspect()).HostConfig).toMatchObject({ CpuRealtimeRuntime: 10000 });
    expect((await provider.diff(id, outs, await nextInputs(inputs, { cpuRtRuntime: 20000 }))).replaces).toEqual(["cpuRtRuntime"]);
    await provider.delete(id, outs);
    return;
  }
  // This engine: dockerd without --cpu-rt-runtime leaves 0 us to its containers, so the kernel refuses any runtime.
  expect(result.err.message).toMatch(/could not be brought to state "running": .*cpu\.rt_runtime_us: invalid argument/);
  const info = await docker.getContainer(result.err.id).inspect();
  expect(info.HostConfig).toMatchObject({ CpuRealtimePeriod: 1000000, CpuRealtimeRuntime: 10000 });
  await provider.delete(result.err.id, result.err.properties);
});
