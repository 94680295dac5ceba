// The healthcheck: declared, inherited from the image's HEALTHCHECK, or disabled. The engine fixes it at create
// (its update endpoint ignores it), so a change replaces the container.
import { z } from "zod";
import { durationInput, formatDuration, parseDuration } from "../forms/duration";
import { defineOption, type Context, type ImageFacts } from "./spec";
import { reportInto } from "../forms/schemas";
import { wholeNumber } from "../forms/messages";

type EngineHealthcheck = NonNullable<ImageFacts["config"]["Healthcheck"]>;

/**
 * What the container runs. `null`: no healthcheck runs (disabled, or none declared and none in the image).
 * Durations in nanoseconds, with the engine's defaults filled in (an unset field and its default run the same).
 * `startInterval` 0 means unset: it is kept as stored, since engines before API 1.44 drop it.
 */
export type Health = null | {
  test: string[];
  interval: number;
  timeout: number;
  retries: number;
  startPeriod: number;
  startInterval: number;
};

/** The engine's defaults for fields left at 0 (daemon/health.go). */
const HEALTH_DEFAULTS = { interval: 30e9, timeout: 30e9, retries: 3, startPeriod: 0 };

const MIN_NS = 1e6;

const TEST_FORMS = 'a test list starts with "CMD" (then the program and its arguments), "CMD-SHELL" (then one shell command), or is ["NONE"]';

function testProblem(test: string[]): string | undefined {
  const [kind, ...args] = test;
  if (kind === "NONE") return args.length ? '["NONE"] takes no arguments' : undefined;
  if (kind === "CMD") return args.length && args[0] ? undefined : '"CMD" needs the program to run, e.g. ["CMD", "curl", "-f", "http://localhost/"]';
  if (kind === "CMD-SHELL") return args.length === 1 && args[0] ? undefined : '"CMD-SHELL" takes exactly one shell command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]';
  return TEST_FORMS;
}

const testInput = z
  .union([z.string().min(1, "the test command must not be empty"), z.array(z.string())], {
    error: 'expected a shell command string, "NONE", or a list such as ["CMD", "curl", "-f", "http://localhost/"]',
  })
  .superRefine((value, ctx) => {
    const problem = typeof value === "string" ? undefined : testProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const omit = " (0 would keep the image's value: leave the field out instead)";

const healthObject = z
  .object({
    test: testInput.optional(),
    interval: durationInput(MIN_NS, omit).optional(),
    timeout: durationInput(MIN_NS, omit).optional(),
    retries: z.number({ error: "expected a whole number of failures" }).int(wholeNumber("expected a whole number of failures")).min(1, `retries must be at least 1${omit}`).optional(),
    startPeriod: durationInput(MIN_NS, omit).optional(),
    startInterval: durationInput(MIN_NS, omit).optional(),
  })
  .strict();

type HealthInput =
  | false
  | { test?: string | string[]; interval?: string | number; timeout?: string | number; retries?: number; startPeriod?: string | number; startInterval?: string | number };

/** `false`, or an object whose failures keep their property path (a plain union would report only its own message). */
const healthInput = z.unknown().superRefine((value, ctx) => {
  if (value === false) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: "expected {test, interval, timeout, retries, startPeriod, startInterval}, or false to disable the image's healthcheck" });
    return;
  }
  reportInto(healthObject, value, ctx, []);
});

/** A string test is a shell command, as in a Dockerfile's `HEALTHCHECK CMD curl ...`; `"NONE"` disables. */
function testList(test: string | string[]): string[] {
  if (typeof test !== "string") return test;
  return test === "NONE" ? ["NONE"] : ["CMD-SHELL", test];
}

/** What a container with this engine Healthcheck (after the engine's merge with the image's) runs. */
export function effectiveHealth(raw: EngineHealthcheck | null | undefined): Health {
  const test = raw?.Test ?? [];
  if (test.length === 0 || test[0] === "NONE") return null;
  return {
    test,
    interval: raw?.Interval || HEALTH_DEFAULTS.interval,
    timeout: raw?.Timeout || HEALTH_DEFAULTS.timeout,
    retries: raw?.Retries || HEALTH_DEFAULTS.retries,
    startPeriod: raw?.StartPeriod || HEALTH_DEFAULTS.startPeriod,
    startInterval: raw?.StartInterval || 0,
  };
}

const optionalNs = (value: string | number | undefined) => (value === undefined ? undefined : parseDuration(value));

/**
 * The engine fills every field left out (or 0) from the image's HEALTHCHECK, as it does for the CLI's flags
 * (measured on API 1.41: declaring only Interval keeps the image's Test, Timeout and Retries). The canonical value is
 * that merge, so declaring some fields compares against what the container will really run.
 */
function normalize(value: HealthInput, ctx: Context): Health {
  if (value === false) return null;
  const image = ctx.image.config.Healthcheck ?? {};
  const declaredTest = value.test === undefined ? undefined : testList(value.test);
  if (declaredTest?.[0] === "NONE") return null;
  const merged: EngineHealthcheck = {
    Test: declaredTest ?? image.Test,
    Interval: optionalNs(value.interval) ?? image.Interval,
    Timeout: optionalNs(value.timeout) ?? image.Timeout,
    Retries: value.retries ?? image.Retries,
    StartPeriod: optionalNs(value.startPeriod) ?? image.StartPeriod,
    StartInterval: optionalNs(value.startInterval) ?? image.StartInterval,
  };
  const health = effectiveHealth(merged);
  if (!health) {
    // Timings alone on an image without a HEALTHCHECK would be accepted and never run anything.
    throw new Error(
      `healthcheck declares no test and image "${ctx.imageRef}" has no HEALTHCHECK to take it from: ` +
        `add a test, e.g. {test: ["CMD", "true"]}, or write healthcheck: false to disable healthchecks`,
    );
  }
  return health;
}

function showHealth(value: Health): string {
  if (value === null) return "none";
  // The test is a command line and may hold credentials: only its form is shown.
  const parts = [
    `test ${value.test[0]} (not shown)`,
    `interval ${formatDuration(value.interval)}`,
    `timeout ${formatDuration(value.timeout)}`,
    `retries ${value.retries}`,
    `startPeriod ${formatDuration(value.startPeriod)}`,
  ];
  if (value.startInterval) parts.push(`startInterval ${formatDuration(value.startInterval)}`);
  return `{${parts.join(", ")}}`;
}

function healthToInput(value: Health): HealthInput {
  if (value === null) return false;
  const input: Exclude<HealthInput, false> = {
    test: value.test,
    interval: formatDuration(value.interval),
    timeout: formatDuration(value.timeout),
    retries: value.retries,
  };
  if (value.startPeriod) input.startPeriod = formatDuration(value.startPeriod);
  if (value.startInterval) input.startInterval = formatDuration(value.startInterval);
  return input;
}

export const healthcheck = defineOption<Health>({
  key: "healthcheck",
  schema: healthInput,
  normalize,
  // The image's HEALTHCHECK is inherited: not drift.
  whenUndeclared: (ctx) => effectiveHealth(ctx.image.config.Healthcheck),
  write: (body, value) => {
    // Every field is sent (not left to the engine's merge), so the container holds exactly the canonical value.
    body.Healthcheck =
      value === null
        ? { Test: ["NONE"] }
        : {
            Test: value.test,
            Interval: value.interval,
            Timeout: value.timeout,
            Retries: value.retries,
            StartPeriod: value.startPeriod,
            // Engines before API 1.44 drop it: create's verification then names healthcheck.
            ...(value.startInterval ? { StartInterval: value.startInterval } : {}),
          };
  },
  read: (info) => effectiveHealth(info.Config.Healthcheck as EngineHealthcheck | undefined),
  apply: "replace",
  show: showHealth,
  toInput: healthToInput,
});
