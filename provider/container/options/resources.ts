// Resource limits and the restart policy: the options the Engine's update endpoint changes in place.
import type Docker from "dockerode";
import { z } from "zod";
import { formatRestart, parseRestart, type RestartPolicy } from "../forms/restart";
import { formatSize, parseSize } from "../forms/size";
import { defineOption, type ContainerKey } from "./spec";
import { wholeNumber } from "../forms/messages";

type HostConfigField = "Memory" | "MemoryReservation" | "MemorySwap" | "NanoCpus" | "CpuShares" | "CpuPeriod" | "CpuQuota" | "PidsLimit";

const sizeInput = z
  .union(
    [z.number().int(wholeNumber("a size in bytes is a whole number")).nonnegative("a size is 0 or more bytes"), z.string()],
    { error: 'expected a size: bytes, or a string such as "512m" or "1g"' },
  )
  .superRefine((value, ctx) => {
    if (typeof value !== "string") return;
    try {
      parseSize(value);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  });

function hostNumber(info: Docker.ContainerInspectInfo, field: HostConfigField): number {
  // Unset limits read back as 0, null or absent depending on the field and engine version.
  const value = (info.HostConfig as Record<string, unknown>)[field];
  return typeof value === "number" && value > 0 ? value : 0;
}

/** A numeric HostConfig limit, written at create and changed through the update endpoint. */
function limit(spec: {
  key: ContainerKey;
  field: HostConfigField;
  schema: z.ZodType;
  normalize?: (value: any) => number;
  /** Extra update fields sent with this one (the engine needs some together). */
  alongside?: (desired: number, desiredAll: Record<string, unknown>) => Record<string, unknown>;
  inPlace?: (desired: number, actual: number, info: Docker.ContainerInspectInfo) => boolean;
  /** With a custom `inPlace`: which changes replace. */
  change?: string;
  show?: (value: number) => string;
  toInput?: (value: number) => unknown;
}) {
  return defineOption<number>({
    key: spec.key,
    schema: spec.schema,
    normalize: spec.normalize ?? ((value: number) => value),
    whenUndeclared: () => 0,
    write: (body, value) => {
      (body.HostConfig as Record<string, unknown>)[spec.field] = value;
    },
    read: (info) => hostNumber(info, spec.field),
    apply: "update",
    change: spec.change ?? "removing it replaces",
    updateBody: (desired, ctx) => ({ [spec.field]: desired, ...spec.alongside?.(desired, ctx.desired) }),
    // In an update, 0 means "no change", never "unset": taking a limit away needs a new container.
    inPlace: spec.inPlace ?? ((desired) => desired !== 0),
    show: (value) => (value === 0 ? "unset" : (spec.show ?? String)(value)),
    toInput: spec.toInput,
  });
}

export const memory = limit({
  key: "memory",
  field: "Memory",
  schema: sizeInput,
  normalize: parseSize,
  show: formatSize,
  // Memory and MemorySwap go together; without a declared swap limit, keep the daemon's default of twice Memory.
  alongside: (desired, all) => ({ MemorySwap: (all.memorySwap as number | undefined) ?? desired * 2 }),
});

export const memorySwap = defineOption<number>({
  key: "memorySwap",
  schema: z.union([z.literal(-1), sizeInput], { error: 'expected a size such as "1g", or -1 for unlimited swap' }),
  normalize: (value: string | number) => (value === -1 ? -1 : parseSize(value)),
  // The daemon sets it to twice Memory when only Memory is given: compared only when declared.
  write: (body, value) => {
    body.HostConfig.MemorySwap = value;
  },
  read: (info) => (info.HostConfig.MemorySwap ?? 0) as number,
  apply: "update",
  updateBody: (desired, ctx) => ({ MemorySwap: desired, Memory: ctx.desired.memory }),
  show: (value) => (value === -1 ? "unlimited" : value === 0 ? "unset" : formatSize(value)),
  inPlace: (desired) => desired !== 0,
});

export const memoryReservation = limit({ key: "memoryReservation", field: "MemoryReservation", schema: sizeInput, normalize: parseSize, show: formatSize });

/**
 * The engine turns cpus into a CFS quota per 100 ms period; the kernel's smallest quota is 1 ms, so below 0.01 the
 * container is created and can never start. Less than a billionth (the engine's unit) would round to 0: no limit.
 */
export const MIN_CPUS = 0.01;
const MAX_CPUS = Math.floor(Number.MAX_SAFE_INTEGER / 1e9);

export function cpusProblem(value: number): string | undefined {
  if (value <= 0) return `cpus must be more than 0, e.g. 0.5 (got ${value})`;
  if (value < MIN_CPUS) return `cpus is at least ${MIN_CPUS}: the kernel's smallest CPU quota is 1 ms per 100 ms, so ${value} could never start`;
  if (value > MAX_CPUS) return `cpus is at most ${MAX_CPUS} (got ${value})`;
  const nano = value * 1e9;
  // As the CLI says of --cpus 0.0100000001: the engine counts billionths of a CPU.
  if (Math.abs(nano - Math.round(nano)) > 1e-3) return `cpus ${value} is too precise: at most 9 decimal places`;
  return undefined;
}

export const cpus = limit({
  key: "cpus",
  field: "NanoCpus",
  schema: z.number({ error: "expected a number of CPUs, e.g. 0.5" }).superRefine((value, ctx) => {
    const problem = cpusProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  normalize: (value: number) => Math.round(value * 1e9),
  show: (nanoCpus) => String(nanoCpus / 1e9),
  toInput: (nanoCpus: number) => nanoCpus / 1e9,
  // The engine refuses to switch a container from the CpuQuota model to NanoCpus.
  inPlace: (desired, _actual, info) => desired !== 0 && !hostNumber(info, "CpuQuota"),
  change: "removing it or switching to `cpuQuota` replaces",
});

const cpuQuotaModel = (desired: number, _actual: number, info: Docker.ContainerInspectInfo) =>
  desired !== 0 && !hostNumber(info, "NanoCpus");

export const cpuPeriod = limit({
  key: "cpuPeriod",
  field: "CpuPeriod",
  schema: z.number({ error: "expected microseconds, 1000 to 1000000" }).int("expected whole microseconds").min(1000, "the CFS period is at least 1000 microseconds").max(1000000, "the CFS period is at most 1000000 microseconds (1 s)"),
  inPlace: cpuQuotaModel,
  change: "removing it or switching to `cpus` replaces",
});

export const cpuQuota = limit({
  key: "cpuQuota",
  field: "CpuQuota",
  schema: z.number({ error: "expected microseconds, at least 1000" }).int(wholeNumber("expected whole microseconds")).min(1000, "the CFS quota is at least 1000 microseconds"),
  inPlace: cpuQuotaModel,
  change: "removing it or switching to `cpus` replaces",
});

export const cpuShares = limit({
  key: "cpuShares",
  field: "CpuShares",
  // Outside this range the engine changes the cgroup, fails, and rolls back only its own record.
  schema: z.number({ error: "expected a relative weight, 2 to 262144" }).int("cpuShares is a whole number, 2 to 262144").min(2, "cpuShares is at least 2").max(262144, "cpuShares is at most 262144"),
});

export const pidsLimit = limit({
  key: "pidsLimit",
  field: "PidsLimit",
  schema: z.number({ error: "expected a number of processes, e.g. 100" }).int(wholeNumber("pidsLimit is a whole number of processes")).positive("pidsLimit is a positive number of processes"),
});

function cpuset(key: "cpusetCpus" | "cpusetMems", field: "CpusetCpus" | "CpusetMems") {
  return defineOption<string>({
    key,
    schema: z.string().regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'expected a list such as "0", "0-2" or "0,3"'),
    normalize: (value: string) => value,
    whenUndeclared: () => "",
    write: (body, value) => {
      body.HostConfig[field] = value;
    },
    read: (info) => (info.HostConfig[field] as string | undefined) ?? "",
    apply: "update",
    change: "removing it replaces",
    updateBody: (desired) => ({ [field]: desired }),
    inPlace: (desired) => desired !== "",
  });
}

export const cpusetCpus = cpuset("cpusetCpus", "CpusetCpus");
export const cpusetMems = cpuset("cpusetMems", "CpusetMems");

export const restart = defineOption<RestartPolicy>({
  key: "restart",
  schema: z
    .union([z.string(), z.object({ name: z.string(), maximumRetryCount: z.number().int().optional() }).strict()], {
      error: 'expected "no", "always", "unless-stopped", "on-failure[:retries]" or {name, maximumRetryCount}',
    })
    .superRefine((value, ctx) => {
      try {
        parseRestart(value);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  normalize: parseRestart,
  whenUndeclared: () => ({ name: "no", maximumRetryCount: 0 }),
  write: (body, value) => {
    body.HostConfig.RestartPolicy = { Name: value.name, MaximumRetryCount: value.maximumRetryCount };
  },
  read: (info) => ({
    name: (info.HostConfig.RestartPolicy?.Name || "no") as RestartPolicy["name"],
    maximumRetryCount: info.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0,
  }),
  apply: "update",
  updateBody: (desired) => ({ RestartPolicy: { Name: desired.name, MaximumRetryCount: desired.maximumRetryCount } }),
  show: formatRestart,
});

export const RESOURCE_OPTIONS = [memory, memorySwap, memoryReservation, cpus, cpuPeriod, cpuQuota, cpuShares, cpusetCpus, cpusetMems, pidsLimit, restart];
