// Rules across options that the engine enforces only at create or start: checked at preview instead.
import type { CheckFailure } from "./check";
import { parseSize } from "./forms";
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

/** Values not known yet are skipped by the caller: every input here is known. */
export function crossFieldFailures(inputs: Inputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const memory = size(inputs.memory);
  const swap = inputs.memorySwap === -1 ? -1 : size(inputs.memorySwap);
  const reservation = size(inputs.memoryReservation);

  if (memory !== undefined && memory < MIN_MEMORY) fail("memory", "the engine's minimum memory limit is 6m");
  if (swap !== undefined && memory === undefined) fail("memorySwap", "memorySwap needs memory to be set too");
  if (swap !== undefined && swap !== -1 && memory !== undefined && swap < memory) {
    fail("memorySwap", "memorySwap is memory plus swap, so it cannot be below memory");
  }
  if (reservation !== undefined && memory !== undefined && reservation > memory) {
    fail("memoryReservation", "memoryReservation must not be above memory");
  }
  if (inputs.cpus !== undefined && (inputs.cpuPeriod !== undefined || inputs.cpuQuota !== undefined)) {
    fail("cpus", "cpus cannot be combined with cpuPeriod or cpuQuota: use one model or the other");
  }
  return failures;
}
