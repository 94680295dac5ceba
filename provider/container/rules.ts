// Rules across options that the engine enforces only at create or start: checked at preview instead. Each rule is
// separate, so that an option failing its own check hides only the rules that read it.
import type { CheckFailure } from "./options/spec";
import { parseSize } from "./forms/size";
import type { Inputs } from "./inputs";

function size(value: unknown): number | undefined {
  if (typeof value !== "number" && typeof value !== "string") return undefined;
  try {
    return parseSize(value);
  } catch {
    return undefined; // already reported by the option's own schema
  }
}

const MIN_MEMORY = 6 * 1024 * 1024;

type Rule = (inputs: Inputs) => CheckFailure[];

const memoryMinimum: Rule = (inputs) => {
  const memory = size(inputs.memory);
  return memory !== undefined && memory < MIN_MEMORY ? [{ property: "memory", reason: "the engine's minimum memory limit is 6m" }] : [];
};

const swapRules: Rule = (inputs) => {
  if (inputs.memorySwap === undefined) return [];
  const swap = inputs.memorySwap === -1 ? -1 : size(inputs.memorySwap);
  const memory = size(inputs.memory);
  if (swap === undefined) return [];
  if (inputs.memory === undefined) return [{ property: "memorySwap", reason: "memorySwap needs memory to be set too" }];
  if (swap !== -1 && memory !== undefined && swap < memory) {
    return [{ property: "memorySwap", reason: "memorySwap is memory plus swap, so it cannot be below memory" }];
  }
  return [];
};

const reservationRule: Rule = (inputs) => {
  const reservation = size(inputs.memoryReservation);
  const memory = inputs.memoryReservation === undefined ? undefined : size(inputs.memory);
  return reservation !== undefined && memory !== undefined && reservation > memory
    ? [{ property: "memoryReservation", reason: "memoryReservation must not be above memory" }]
    : [];
};

const cpuModel: Rule = (inputs) =>
  inputs.cpus !== undefined && (inputs.cpuPeriod !== undefined || inputs.cpuQuota !== undefined)
    ? [{ property: "cpus", reason: "cpus cannot be combined with cpuPeriod or cpuQuota: use one model or the other" }]
    : [];

/** The rules that belong to no single option. Values not known yet are skipped by the caller: every input here is known. */
export const CROSS_FIELD_RULES: Rule[] = [memoryMinimum, swapRules, reservationRule, cpuModel];

/** Every rule above, in one list of failures. */
export function crossFieldFailures(inputs: Inputs): CheckFailure[] {
  return CROSS_FIELD_RULES.flatMap((rule) => rule(inputs));
}
