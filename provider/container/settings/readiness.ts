// Readiness and jobs: waiting for healthy after every start, and run-to-completion containers.
import { z } from "zod";
import { defineSetting, type SettingSpec } from "../options/spec";
import { JOB_SETTINGS } from "./job";
import { timeoutInput } from "../../docker/timeouts";

export interface WaitForHealthy {
  /** Seconds, or a duration such as "2m". */
  timeout?: number | string;
}

/** No healthcheck when it is declared away; undefined: not knowable before up (the image may have one). */
function healthcheckDeclaredAway(healthcheck: unknown): boolean {
  if (healthcheck === false) return true;
  const test = (healthcheck as { test?: unknown } | undefined)?.test;
  return test === "NONE" || (Array.isArray(test) && test[0] === "NONE");
}

const waitForHealthy = defineSetting({
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
