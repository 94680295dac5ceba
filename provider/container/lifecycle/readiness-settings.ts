// Readiness and jobs: waiting for healthy after every start, and run-to-completion containers.
import { z } from "zod";
import { defineSetting, type SettingSpec } from "../setting";
import { JOB_SETTINGS } from "./job-settings";

export interface WaitForHealthy {
  /** Seconds, or a duration such as "2m". */
  timeout?: number | string;
}

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;

/** Seconds (a number) or "90s" / "2m" / "1m30s", to milliseconds. */
export function timeoutMs(value: number | string): number {
  if (typeof value === "number") return value * 1000;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

const timeoutInput = z
  .union([z.number(), z.string()], { error: 'expected seconds, or a duration such as "90s" or "2m"' })
  .refine((v) => (typeof v === "number" ? Number.isFinite(v) && v > 0 : DURATION.test(v.trim()) && timeoutMs(v.trim()) > 0), {
    message: 'expected more than 0 seconds, or a duration such as "90s", "2m" or "1m30s"',
  });

/** No healthcheck when it is declared away; undefined: not knowable before up (the image may have one). */
function healthcheckDeclaredAway(healthcheck: unknown): boolean {
  if (healthcheck === false) return true;
  const test = (healthcheck as { test?: unknown } | undefined)?.test;
  return test === "NONE" || (Array.isArray(test) && test[0] === "NONE");
}

export const waitForHealthy = defineSetting({
  key: "waitForHealthy",
  schema: z.union([z.boolean(), z.object({ timeout: timeoutInput.optional() }).strict()], {
    error: 'expected true, false, or {timeout} (seconds, or a duration such as "2m")',
  }),
  crossCheck: (inputs) => {
    const wait = inputs.waitForHealthy;
    if (wait === undefined || wait === false) return [];
    if (healthcheckDeclaredAway(inputs.healthcheck)) {
      return [{ property: "waitForHealthy", reason: "waitForHealthy needs a healthcheck, and healthcheck disables it: declare one or drop waitForHealthy" }];
    }
    // Stopped, paused or created: nothing to wait for now, and the next start waits. A job is never "healthy".
    return inputs.state === "exited"
      ? [{ property: "waitForHealthy", reason: 'a job (state "exited") runs to completion: up waits for its exit, not for healthy' }]
      : [];
  },
});

export const READINESS_SETTINGS: SettingSpec[] = [waitForHealthy, ...JOB_SETTINGS];
