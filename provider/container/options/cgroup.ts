// Kernel and cgroup settings the engine fixes at create (its update endpoint ignores or discards them): a change replaces.
import type Docker from "dockerode";
import { z } from "zod";
import { DEVICE_OPTIONS } from "./block-io";
import { sysctls } from "./sysctls";
import { ulimits } from "./ulimits";
import { formatSize, parseSize } from "../forms/size";
import { defineOption, type CheckFailure, type OptionSpec, type ContainerKey } from "./spec";
import { booleanInput } from "./process";
import { wholeNumber } from "../forms/messages";

type HostConfig = Record<string, unknown>;

/** A scalar HostConfig field, replaced on change; `unset` is what inspect holds when it is not declared. */
function hostScalar<C>(spec: {
  key: ContainerKey;
  field: string;
  schema: z.ZodType;
  normalize?: (value: any) => C;
  /** Inspect's raw value to canonical form (unset forms such as null or 0 included). */
  read: (raw: unknown) => C;
  unset: C;
  /** When not declared, the daemon decides (and may be configured to): not compared. */
  daemonDefault?: boolean;
  show?: (value: C) => string;
  toInput?: (value: C) => unknown;
  crossCheck?: (inputs: Record<string, unknown>) => CheckFailure[];
  deprecated?: string;
}) {
  return defineOption<C>({
    key: spec.key,
    schema: spec.schema,
    normalize: spec.normalize ?? ((value: C) => value),
    whenUndeclared: spec.daemonDefault ? undefined : () => spec.unset,
    write: (body, value) => {
      (body.HostConfig as HostConfig)[spec.field] = value;
    },
    read: (info: Docker.ContainerInspectInfo) => spec.read((info.HostConfig as HostConfig)[spec.field]),
    apply: "replace",
    show: spec.show,
    toInput: spec.toInput,
    crossCheck: spec.crossCheck,
    deprecated: spec.deprecated,
  });
}

/** A positive number, with 0, null and absent (all "not set" in inspect) read as 0. */
const positiveOrZero = (raw: unknown) => (typeof raw === "number" && raw > 0 ? raw : 0);
const unsetOr = (format: (n: number) => string) => (n: number) => (n === 0 ? "unset" : format(n));

function sizeInput(what: string, min: number, minText: string) {
  return z
    .union([z.number().int(wholeNumber(`${what} in bytes is a whole number`)), z.string()], { error: `expected ${what}: bytes, or a string such as "64m"` })
    .superRefine((value, ctx) => {
      try {
        if (parseSize(value) < min) ctx.addIssue({ code: "custom", message: `${what} must be at least ${minText}` });
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    });
}

export const memorySwappiness = hostScalar<number>({
  key: "memorySwappiness",
  field: "MemorySwappiness",
  schema: z.number({ error: "expected a whole number from 0 to 100" }).int("expected a whole number from 0 to 100").min(0, "memorySwappiness is 0 to 100").max(100, "memorySwappiness is 0 to 100"),
  // Inspect gives null when unset (the kernel's default applies), also after sending -1: canonical -1.
  read: (raw) => (typeof raw === "number" && raw >= 0 ? raw : -1),
  unset: -1,
  show: (n) => (n === -1 ? "unset" : String(n)),
});

/** The kernel's default real-time period, which a container's cgroup gets when cpuRtPeriod is not declared. */
const DEFAULT_RT_PERIOD = 1_000_000;

export const cpuRtPeriod = hostScalar<number>({
  key: "cpuRtPeriod",
  field: "CpuRealtimePeriod",
  schema: z.number({ error: "expected microseconds, e.g. 1000000" }).int(wholeNumber("expected whole microseconds")).positive("cpuRtPeriod is more than 0 microseconds"),
  read: positiveOrZero,
  unset: 0,
  show: unsetOr((n) => `${n}us`),
});

export const cpuRtRuntime = hostScalar<number>({
  key: "cpuRtRuntime",
  field: "CpuRealtimeRuntime",
  schema: z.number({ error: "expected microseconds, e.g. 950000" }).int(wholeNumber("expected whole microseconds")).positive("cpuRtRuntime is more than 0 microseconds"),
  read: positiveOrZero,
  unset: 0,
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

export const blkioWeight = hostScalar<number>({
  key: "blkioWeight",
  field: "BlkioWeight",
  schema: z.number({ error: "expected a whole number from 10 to 1000" }).int("expected a whole number from 10 to 1000").min(10, "blkioWeight is 10 to 1000").max(1000, "blkioWeight is 10 to 1000"),
  read: positiveOrZero,
  unset: 0,
  show: unsetOr(String),
});

export const oomKillDisable = hostScalar<boolean>({
  key: "oomKillDisable",
  field: "OomKillDisable",
  schema: booleanInput,
  read: (raw) => raw === true,
  unset: false,
});

export const oomScoreAdj = hostScalar<number>({
  key: "oomScoreAdj",
  field: "OomScoreAdj",
  schema: z.number({ error: "expected a whole number from -1000 to 1000" }).int("expected a whole number from -1000 to 1000").min(-1000, "oomScoreAdj is -1000 to 1000").max(1000, "oomScoreAdj is -1000 to 1000"),
  read: (raw) => (typeof raw === "number" ? raw : 0),
  unset: 0,
});

/** The engine's /dev/shm size when none is given and the daemon sets no default-shm-size (ShmSize 0 is the same). */
export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

export const shmSize = hostScalar<number>({
  key: "shmSize",
  field: "ShmSize",
  schema: sizeInput("shmSize", 1, "1 byte"),
  normalize: parseSize,
  read: (raw) => (typeof raw === "number" && raw > 0 ? raw : DEFAULT_SHM_SIZE),
  unset: DEFAULT_SHM_SIZE,
  // A daemon's default-shm-size (daemon.json) is written into every container it creates, and GET /info does
  // not report it: an undeclared shmSize is the daemon's choice, never drift.
  daemonDefault: true,
  show: formatSize,
});

export const cgroupParent = hostScalar<string>({
  key: "cgroupParent",
  field: "CgroupParent",
  // Relative or absolute cgroup path (cgroupfs driver) or a slice name (systemd driver): the engine checks the driver.
  schema: z
    .string({ error: 'expected a cgroup path such as "/batch" or, with the systemd driver, a slice such as "batch.slice"' })
    .min(1, "cgroupParent must not be empty (leave it out for the engine's default)")
    .refine((v) => !/\s/.test(v) && !v.split("/").includes(".."), "cgroupParent is a cgroup path without '..' or spaces"),
  read: (raw) => (typeof raw === "string" ? raw : ""),
  unset: "",
  show: (v) => (v === "" ? "the engine's default" : v),
});

const MIN_KERNEL_MEMORY = 6 * 1024 * 1024;

export const kernelMemory = hostScalar<number>({
  key: "kernelMemory",
  field: "KernelMemory",
  schema: sizeInput("kernelMemory", MIN_KERNEL_MEMORY, "6m (the engine's minimum)"),
  normalize: parseSize,
  // Inspect gives null or 0 when unset, the bytes sent otherwise (this engine keeps it on cgroup v1).
  read: positiveOrZero,
  unset: 0,
  show: unsetOr(formatSize),
  deprecated: "the Docker Engine deprecated kernel memory limits (ignored with cgroup v2 and by recent kernels); use memory instead",
});

export const CGROUP_OPTIONS: OptionSpec<any>[] = [
  memorySwappiness,
  cpuRtPeriod,
  cpuRtRuntime,
  blkioWeight,
  ...DEVICE_OPTIONS,
  oomKillDisable,
  oomScoreAdj,
  shmSize,
  ulimits,
  sysctls,
  cgroupParent,
  kernelMemory,
];
