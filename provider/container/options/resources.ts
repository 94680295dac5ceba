// Resource limits and the restart policy: the options the Engine's update endpoint changes in place.
import type Docker from "dockerode";
import { z } from "zod";
import { formatRestart, parseRestart, type RestartPolicy } from "../forms/restart";
import { formatSize, parseSize, sizeInput } from "../forms/size";
import { parsedBy } from "../forms/issue";
import { lenient } from "../forms/lenient";
import { defineOption, type CheckFailure } from "./spec";
import { wholeNumber } from "../forms/messages";
import { hostField, positiveOrZero, unsetOr, updatableField, type FieldSpec } from "./fields";

const bytesInput = sizeInput("a size", '"512m" or "1g"');

const hostNumber = (info: Docker.ContainerInspectInfo, field: string) => positiveOrZero((info.HostConfig as Record<string, unknown>)[field]);

/** A numeric limit; unset (0) reads back as 0, null or absent depending on the field and engine version. */
function limit(spec: Omit<FieldSpec<number>, "read"> & { alongside?: (desired: number, desiredAll: Record<string, unknown>) => Record<string, unknown> }) {
  return updatableField<number>({ ...spec, unset: 0, read: positiveOrZero, show: unsetOr(spec.show ?? String) });
}

/** A size input's bytes; undefined when it is not a valid size (its own schema says so). */
function size(value: unknown): number | undefined {
  return typeof value === "number" || typeof value === "string" ? lenient(() => parseSize(value), undefined) : undefined;
}

const MIN_MEMORY = 6 * 1024 * 1024;

const memory = limit({
  key: "memory",
  field: "Memory",
  schema: bytesInput,
  normalize: parseSize,
  show: formatSize,
  // Memory and MemorySwap go together; without a declared swap limit, keep the daemon's default of twice Memory.
  alongside: (desired, all) => ({ MemorySwap: (all.memorySwap as number | undefined) ?? desired * 2 }),
  // The engine checks the minimum at create only.
  crossCheck: (inputs) => {
    const memory = size(inputs.memory);
    return memory !== undefined && memory < MIN_MEMORY ? [{ property: "memory", reason: "the engine's minimum memory limit is 6m" }] : [];
  },
});

const memorySwap = hostField<number>({
  key: "memorySwap",
  field: "MemorySwap",
  schema: z.union([z.literal(-1), bytesInput], { error: 'expected a size such as "1g", or -1 for unlimited swap' }),
  normalize: (value: string | number) => (value === -1 ? -1 : parseSize(value)),
  // The daemon sets it to twice Memory when only Memory is given: compared only when declared.
  read: (raw) => (raw ?? 0) as number,
  apply: "update",
  updateBody: (desired, ctx) => ({ MemorySwap: desired, Memory: ctx.desired.memory }),
  show: (value) => (value === -1 ? "unlimited" : value === 0 ? "unset" : formatSize(value)),
  inPlace: (desired) => desired !== 0,
  crossCheck: (inputs): CheckFailure[] => {
    if (inputs.memorySwap === undefined) return [];
    const swap = inputs.memorySwap === -1 ? -1 : size(inputs.memorySwap);
    const memory = size(inputs.memory);
    if (swap === undefined) return [];
    if (inputs.memory === undefined) return [{ property: "memorySwap", reason: "memorySwap needs memory to be set too" }];
    if (swap !== -1 && memory !== undefined && swap < memory) {
      return [{ property: "memorySwap", reason: "memorySwap is memory plus swap, so it cannot be below memory" }];
    }
    return [];
  },
});

const memoryReservation = limit({
  key: "memoryReservation",
  field: "MemoryReservation",
  schema: bytesInput,
  normalize: parseSize,
  show: formatSize,
  crossCheck: (inputs) => {
    const reservation = size(inputs.memoryReservation);
    const memory = inputs.memoryReservation === undefined ? undefined : size(inputs.memory);
    return reservation !== undefined && memory !== undefined && reservation > memory
      ? [{ property: "memoryReservation", reason: "memoryReservation must not be above memory" }]
      : [];
  },
});

/**
 * The engine turns cpus into a CFS quota per 100 ms period; the kernel's smallest quota is 1 ms, so below 0.01 the
 * container is created and can never start. Less than a billionth (the engine's unit) would round to 0: no limit.
 */
const MIN_CPUS = 0.01;
const MAX_CPUS = Math.floor(Number.MAX_SAFE_INTEGER / 1e9);

function cpusProblem(value: number): string | undefined {
  if (value <= 0) return `cpus must be more than 0, e.g. 0.5 (got ${value})`;
  if (value < MIN_CPUS) return `cpus is at least ${MIN_CPUS}: the kernel's smallest CPU quota is 1 ms per 100 ms, so ${value} could never start`;
  if (value > MAX_CPUS) return `cpus is at most ${MAX_CPUS} (got ${value})`;
  const nano = value * 1e9;
  // As the CLI says of --cpus 0.0100000001: the engine counts billionths of a CPU.
  if (Math.abs(nano - Math.round(nano)) > 1e-3) return `cpus ${value} is too precise: at most 9 decimal places`;
  return undefined;
}

const cpus = limit({
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
  crossCheck: (inputs) =>
    inputs.cpus !== undefined && (inputs.cpuPeriod !== undefined || inputs.cpuQuota !== undefined)
      ? [{ property: "cpus", reason: "cpus cannot be combined with cpuPeriod or cpuQuota: use one model or the other" }]
      : [],
});

const cpuQuotaModel = (desired: number, _actual: number, info: Docker.ContainerInspectInfo) =>
  desired !== 0 && !hostNumber(info, "NanoCpus");

const cpuPeriod = limit({
  key: "cpuPeriod",
  field: "CpuPeriod",
  schema: z.number({ error: "expected microseconds, 1000 to 1000000" }).int("expected whole microseconds").min(1000, "the CFS period is at least 1000 microseconds").max(1000000, "the CFS period is at most 1000000 microseconds (1 s)"),
  inPlace: cpuQuotaModel,
  change: "removing it or switching to `cpus` replaces",
});

const cpuQuota = limit({
  key: "cpuQuota",
  field: "CpuQuota",
  schema: z.number({ error: "expected microseconds, at least 1000" }).int(wholeNumber("expected whole microseconds")).min(1000, "the CFS quota is at least 1000 microseconds"),
  inPlace: cpuQuotaModel,
  change: "removing it or switching to `cpus` replaces",
});

const cpuShares = limit({
  key: "cpuShares",
  field: "CpuShares",
  // Outside this range the engine changes the cgroup, fails, and rolls back only its own record.
  schema: z.number({ error: "expected a relative weight, 2 to 262144" }).int("cpuShares is a whole number, 2 to 262144").min(2, "cpuShares is at least 2").max(262144, "cpuShares is at most 262144"),
});

const pidsLimit = limit({
  key: "pidsLimit",
  field: "PidsLimit",
  schema: z.number({ error: "expected a number of processes, e.g. 100" }).int(wholeNumber("pidsLimit is a whole number of processes")).positive("pidsLimit is a positive number of processes"),
});

const CPU_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

const [cpusetCpus, cpusetMems] = (["Cpus", "Mems"] as const).map((which) =>
  updatableField<string>({
    key: `cpuset${which}` as const,
    field: `Cpuset${which}`,
    schema: z.string().regex(CPU_LIST, 'expected a list such as "0", "0-2" or "0,3"'),
    unset: "",
    read: (raw) => (raw as string | undefined) ?? "",
  }),
);

const restart = defineOption<RestartPolicy>({
  key: "restart",
  schema: z
    .union([z.string(), z.object({ name: z.string(), maximumRetryCount: z.number().int().optional() }).strict()], {
      error: 'expected "no", "always", "unless-stopped", "on-failure[:retries]" or {name, maximumRetryCount}',
    })
    .superRefine(parsedBy(parseRestart)),
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
