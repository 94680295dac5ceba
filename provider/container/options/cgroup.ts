// Kernel and cgroup settings the engine fixes at create (its update endpoint ignores or discards them): a change replaces.
import { z } from "zod";
import { BLOCK_IO_OPTIONS } from "./block-io";
import { sysctls } from "./sysctls";
import { ulimits } from "./ulimits";
import { formatSize, parseSize, sizeInput } from "../forms/size";
import type { OptionSpec } from "./spec";
import { wholeNumber } from "../forms/messages";
import { flag, hostField, positiveOrZero, unsetOr } from "./fields";

const memorySwappiness = hostField<number>({
  key: "memorySwappiness",
  field: "MemorySwappiness",
  schema: z.number({ error: "expected a whole number from 0 to 100" }).int("expected a whole number from 0 to 100").min(0, "memorySwappiness is 0 to 100").max(100, "memorySwappiness is 0 to 100"),
  // Inspect gives null when unset (the kernel's default applies), also after sending -1: canonical -1.
  read: (raw) => (typeof raw === "number" && raw >= 0 ? raw : -1),
  whenUndeclared: () => -1,
  show: (n) => (n === -1 ? "unset" : String(n)),
});

/** The kernel's default real-time period, which a container's cgroup gets when cpuRtPeriod is not declared. */
const DEFAULT_RT_PERIOD = 1_000_000;

const cpuRtPeriod = hostField<number>({
  key: "cpuRtPeriod",
  field: "CpuRealtimePeriod",
  schema: z.number({ error: "expected microseconds, e.g. 1000000" }).int(wholeNumber("expected whole microseconds")).positive("cpuRtPeriod is more than 0 microseconds"),
  read: positiveOrZero,
  whenUndeclared: () => 0,
  show: unsetOr((n) => `${n}us`),
});

const cpuRtRuntime = hostField<number>({
  key: "cpuRtRuntime",
  field: "CpuRealtimeRuntime",
  schema: z.number({ error: "expected microseconds, e.g. 950000" }).int(wholeNumber("expected whole microseconds")).positive("cpuRtRuntime is more than 0 microseconds"),
  read: positiveOrZero,
  whenUndeclared: () => 0,
  show: unsetOr((n) => `${n}us`),
  // The engine refuses runtime > period at create only when both are sent; the kernel refuses it at start otherwise.
  crossCheck: (inputs) => {
    const runtime = inputs.cpuRtRuntime;
    const period = typeof inputs.cpuRtPeriod === "number" ? inputs.cpuRtPeriod : DEFAULT_RT_PERIOD;
    if (typeof runtime !== "number" || runtime <= period) return [];
    const which = inputs.cpuRtPeriod === undefined ? `the default cpuRtPeriod of ${DEFAULT_RT_PERIOD}` : `cpuRtPeriod (${period})`;
    return [{ property: "cpuRtRuntime", reason: `cpuRtRuntime (${runtime}) cannot be more than ${which} microseconds` }];
  },
});

const blkioWeight = hostField<number>({
  key: "blkioWeight",
  field: "BlkioWeight",
  schema: z.number({ error: "expected a whole number from 10 to 1000" }).int("expected a whole number from 10 to 1000").min(10, "blkioWeight is 10 to 1000").max(1000, "blkioWeight is 10 to 1000"),
  read: positiveOrZero,
  whenUndeclared: () => 0,
  show: unsetOr(String),
});

const oomKillDisable = flag(hostField, "oomKillDisable", "OomKillDisable");

const oomScoreAdj = hostField<number>({
  key: "oomScoreAdj",
  field: "OomScoreAdj",
  schema: z.number({ error: "expected a whole number from -1000 to 1000" }).int("expected a whole number from -1000 to 1000").min(-1000, "oomScoreAdj is -1000 to 1000").max(1000, "oomScoreAdj is -1000 to 1000"),
  read: (raw) => (typeof raw === "number" ? raw : 0),
  whenUndeclared: () => 0,
});

/** The engine's /dev/shm size when none is given and the daemon sets no default-shm-size (ShmSize 0 is the same). */
const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

const shmSize = hostField<number>({
  key: "shmSize",
  field: "ShmSize",
  schema: sizeInput("shmSize", '"64m"', { bytes: 1, text: "1 byte" }),
  normalize: parseSize,
  read: (raw) => (typeof raw === "number" && raw > 0 ? raw : DEFAULT_SHM_SIZE),
  // A daemon's default-shm-size (daemon.json) is written into every container it creates, and GET /info does
  // not report it: an undeclared shmSize is the daemon's choice, never drift.
  show: formatSize,
});

const cgroupParent = hostField<string>({
  key: "cgroupParent",
  field: "CgroupParent",
  // Relative or absolute cgroup path (cgroupfs driver) or a slice name (systemd driver): the engine checks the driver.
  schema: z
    .string({ error: 'expected a cgroup path such as "/batch" or, with the systemd driver, a slice such as "batch.slice"' })
    .min(1, "cgroupParent must not be empty (leave it out for the engine's default)")
    .refine((v) => !/\s/.test(v) && !v.split("/").includes(".."), "cgroupParent is a cgroup path without '..' or spaces"),
  read: (raw) => (typeof raw === "string" ? raw : ""),
  whenUndeclared: () => "",
  show: (v) => (v === "" ? "the engine's default" : v),
});

const MIN_KERNEL_MEMORY = 6 * 1024 * 1024;

const kernelMemory = hostField<number>({
  key: "kernelMemory",
  field: "KernelMemory",
  schema: sizeInput("kernelMemory", '"64m"', { bytes: MIN_KERNEL_MEMORY, text: "6m (the engine's minimum)" }),
  normalize: parseSize,
  // Inspect gives null or 0 when unset, the bytes sent otherwise (this engine keeps it on cgroup v1).
  read: positiveOrZero,
  whenUndeclared: () => 0,
  show: unsetOr(formatSize),
  deprecated: "the Docker Engine deprecated kernel memory limits (ignored with cgroup v2 and by recent kernels); use memory instead",
});

export const CGROUP_OPTIONS: OptionSpec<any>[] = [
  memorySwappiness,
  cpuRtPeriod,
  cpuRtRuntime,
  blkioWeight,
  ...BLOCK_IO_OPTIONS,
  oomKillDisable,
  oomScoreAdj,
  shmSize,
  ulimits,
  sysctls,
  cgroupParent,
  kernelMemory,
];
