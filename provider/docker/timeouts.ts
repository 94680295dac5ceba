// How long dockwright waits for each Engine API answer. Defaults suit a local engine under load; a resource's
// `engineTimeouts` or the stack config `dockwright:engineTimeouts` (`{ lookup, change, transfer }`, seconds or a
// duration such as "2m") change them. Readiness (`waitForHealthy`) and jobs keep their own limits.
import { z } from "zod";

export interface EngineTimeouts {
  /** Inspect and list calls. */
  lookup: number;
  /** Create, start, stop (plus the stop grace period), update, rename, network connect, remove. */
  change: number;
  /** Pulls, commits and file uploads. */
  transfer: number;
}

/** Milliseconds. */
export const DEFAULT_TIMEOUTS: EngineTimeouts = { lookup: 30_000, change: 120_000, transfer: 1_800_000 };

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

/** Seconds (a number) or "90s" / "2m" / "1m30s", to milliseconds: how every wait dockwright takes is written. */
export function timeoutMs(value: number | string): number {
  if (typeof value === "number") return value * 1000;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** A wait of more than 0: seconds, or a duration such as "90s". */
export const timeoutInput = z
  .union([z.number(), z.string()], { error: 'expected seconds, or a duration such as "90s" or "2m"' })
  .refine((v) => (typeof v === "number" ? Number.isFinite(v) && v > 0 : DURATION.test(v.trim()) && timeoutMs(v.trim()) > 0), {
    message: 'expected more than 0 seconds, or a duration such as "90s", "2m" or "1m30s"',
  });

export const engineTimeoutsSchema = z
  .object({ lookup: timeoutInput.optional(), change: timeoutInput.optional(), transfer: timeoutInput.optional() }, {
    error: 'expected { lookup, change, transfer }: seconds or durations such as "2m"',
  })
  .strict();

type EngineTimeoutsInput = z.infer<typeof engineTimeoutsSchema>;

function toMs(input: EngineTimeoutsInput | undefined): Partial<EngineTimeouts> {
  if (!input) return {};
  return Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined).map(([k, v]) => [k, timeoutMs(typeof v === "string" ? v.trim() : (v as number))]),
  );
}

let configured: Partial<EngineTimeouts> = {};

/** The stack config `dockwright:engineTimeouts` (JSON text, as the host hands structured config over). */
export function configureTimeouts(value: unknown): void {
  if (value === undefined || value === "") {
    configured = {};
    return;
  }
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new Error('config dockwright:engineTimeouts: expected an object such as {"lookup": 30, "change": "2m"} (not valid JSON)');
    }
  }
  const result = engineTimeoutsSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`config dockwright:engineTimeouts${issue.path.length ? `.${issue.path.join(".")}` : ""}: ${issue.message}`);
  }
  configured = toMs(result.data);
}

/** Defaults, then the stack config, then the resource's own `engineTimeouts`. */
export function effectiveTimeouts(inputs: Record<string, unknown>): EngineTimeouts {
  const own = engineTimeoutsSchema.safeParse(inputs.engineTimeouts);
  return { ...DEFAULT_TIMEOUTS, ...configured, ...(own.success ? toMs(own.data) : {}) };
}

/** Where a timeout is set, for messages. */
export function timeoutSetting(kind: keyof EngineTimeouts): string {
  return `engineTimeouts.${kind} (per resource, or the stack config dockwright:engineTimeouts)`;
}
