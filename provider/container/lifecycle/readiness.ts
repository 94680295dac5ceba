// What "up" means after a start: healthy when asked to wait, finished for run-to-completion containers.
import type Docker from "dockerode";
import { dockerClient, type DockerClient } from "../../docker/client";
import { findImage } from "../../docker/images";
import { containsUnknown } from "../../unknown";
import { desiredValue } from "../compare";
import { effectiveHealth, healthcheck, type Health } from "../options/healthcheck";
import { describe, type Inputs } from "../inputs";
import type { CheckFailure, Context } from "../options/spec";
import { finishJob } from "./job";
import { hasSecretInputs, lastLogLines, quoteOutput } from "./job-logs";
import { timeoutMs } from "../../docker/timeouts";
import type { WaitForHealthy } from "../settings/readiness";

const POLL_MS = 200;
const MIN_DEFAULT_MS = 60_000;

/** Long enough for the healthcheck to reach a verdict: its start period, then retries + 1 full probes. */
export function defaultTimeoutMs(health: NonNullable<Health>): number {
  const verdict = (health.startPeriod + (health.retries + 1) * (health.interval + health.timeout)) / 1e6;
  return Math.max(MIN_DEFAULT_MS, Math.ceil(verdict));
}

type HealthLog = { Start: string; End: string; ExitCode: number; Output: string };

/** RFC 3339 with nanoseconds (trailing zeros trimmed, any offset) to milliseconds: strings do not sort as times. */
const ms = (time: string) => Date.parse(time.replace(/(\.\d{3})\d+/, "$1"));

/** Probes that started during the current run. */
const probesOfThisRun = (info: Docker.ContainerInspectInfo): HealthLog[] =>
  ((info.State.Health as { Log?: HealthLog[] } | undefined)?.Log ?? []).filter((p) => ms(p.Start) >= ms(info.State.StartedAt));

/** The last health-check results of the current run, newest last, for error messages (not shown with secret inputs). */
function lastProbes(info: Docker.ContainerInspectInfo, inputs: Inputs, count = 3): string {
  const log = probesOfThisRun(info);
  if (!log.length) return " No health check has completed yet.";
  if (hasSecretInputs(inputs)) {
    const codes = log.slice(-count).map((p) => p.ExitCode).join(", ");
    return ` Last health checks exited with ${codes} (their output is not shown: the container has secret inputs; read it with docker inspect).`;
  }
  const shown = log.slice(-count).map((p) => `exit ${p.ExitCode}: ${p.Output.trim().slice(0, 300) || "(no output)"}`);
  return ` Last health checks:\n  - ${shown.join("\n  - ")}`;
}

/**
 * The health status of the current run. Measured on 20.10: a stopped container still reads "unhealthy" and keeps
 * the previous run's probes in its log; start resets the status to "starting". A status is only trusted once a
 * probe of this run (started after StartedAt) exists, so a stale verdict can never pass or fail a new run.
 */
function currentStatus(info: Docker.ContainerInspectInfo): string {
  if (!probesOfThisRun(info).length) return "starting";
  return (info.State.Health as { Status?: string } | undefined)?.Status ?? "starting";
}

/** Whether up will wait for healthy: `waitForHealthy` is declared, and the container is no job. */
function waitsForHealthy(inputs: Inputs): boolean {
  const wait = inputs.waitForHealthy;
  return wait !== undefined && wait !== false && inputs.state !== "exited";
}

function noHealthcheck(image: string): string {
  return (
    `waitForHealthy needs a healthcheck, and neither the declaration nor the image ${JSON.stringify(image.slice(0, 100))} has one: ` +
    `declare healthcheck: {test: ...}, or drop waitForHealthy`
  );
}

/**
 * At check (preview): `waitForHealthy` with no healthcheck test declared, on an image the engine already has and
 * whose config has no HEALTHCHECK, can never become healthy. Found here by inspecting the image, so preview fails
 * instead of up leaving a container behind. Anything not known yet (the image, the engine, an image still to be
 * pulled, an engine that does not answer) is left to create, which checks before creating anything.
 */
export async function readinessFailures(inputs: Inputs): Promise<CheckFailure[]> {
  if (!waitsForHealthy(inputs) || containsUnknown(inputs.waitForHealthy) || containsUnknown(inputs.state) || inputs.healthcheck === false) return [];
  const declared = inputs.healthcheck as { test?: unknown } | undefined;
  if (declared?.test !== undefined) return []; // a test of its own (or NONE, which check refuses with waitForHealthy)
  if (typeof inputs.image !== "string" || containsUnknown(declared) || containsUnknown(inputs.host) || containsUnknown(inputs.tls)) return [];
  const image = await dockerClient(inputs)
    .then((client) => findImage(client, inputs.image as string))
    .catch(() => undefined);
  if (!image || effectiveHealth(image.config.Healthcheck)) return [];
  return [{ property: "waitForHealthy", reason: noHealthcheck(inputs.image) }];
}

/**
 * At create, with the image on the engine and before anything is created: the healthcheck the container would run
 * (declared, merged with the image's), for `waitForHealthy`. A container that cannot become healthy is not made.
 */
export function requireHealthcheck(inputs: Inputs, ctx: Context): void {
  if (!waitsForHealthy(inputs)) return;
  if ((desiredValue(healthcheck, ctx) as Health | undefined) !== null) return;
  throw new Error(`cannot create ${describe(inputs)}: ${noHealthcheck(String(inputs.image))}. Nothing was created.`);
}

/** Polls inspect with a deadline until healthy; fails early on unhealthy or an exit, quoting the probes. */
async function waitHealthy(container: Docker.Container, inputs: Inputs, wait: true | WaitForHealthy): Promise<void> {
  let info = await container.inspect();
  const health = effectiveHealth(info.Config.Healthcheck as never);
  if (!health) {
    throw new Error(
      `waitForHealthy needs a healthcheck, and neither the declaration nor the image ${info.Config.Image} has one: declare healthcheck: {test: ...}`,
    );
  }
  const limit = wait !== true && wait.timeout !== undefined ? timeoutMs(wait.timeout) : defaultTimeoutMs(health);
  const deadline = Date.now() + limit;
  // An "unhealthy" verdict counts only once a probe ran after waiting began: resuming after the cause was fixed
  // (a file written, a dependency up), the old verdict stands until the next probe, which may well pass.
  const lastProbeAt = (i: Docker.ContainerInspectInfo) => Math.max(-Infinity, ...probesOfThisRun(i).map((p) => ms(p.Start)));
  const before = lastProbeAt(info);
  for (;;) {
    if (!info.State.Running) {
      const logs = await lastLogLines(container, info.Config.Tty === true, 20);
      throw new Error(`it exited with code ${info.State.ExitCode} before it became healthy.${lastProbes(info, inputs)}\nIts last output:${quoteOutput(inputs, logs, `docker logs ${info.Name.replace(/^\//, "")}`)}`);
    }
    const status = currentStatus(info);
    if (status === "healthy") return;
    if (status === "unhealthy" && lastProbeAt(info) > before) throw new Error(`its healthcheck reports unhealthy.${lastProbes(info, inputs)}`);
    if (Date.now() >= deadline) {
      throw new Error(`it did not become healthy within ${Math.round(limit / 100) / 10} s (still ${status}).${lastProbes(info, inputs)}`);
    }
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
    info = await container.inspect();
  }
}

/**
 * Called after the run-state step of create and update; `started`: the step started the container.
 * Returns extra outputs (e.g. a job's logs), merged into the resource's outputs.
 *
 * A job (state "exited") is waited for and its exit code checked whether or not this step started it, so the next
 * up after a failed one checks again. `waitForHealthy` waits whenever the container runs: after a start, and when
 * an earlier up failed before it became healthy (a container that already is healthy returns at once).
 */
export async function afterStart(
  _client: DockerClient,
  container: Docker.Container,
  inputs: Inputs,
  _started: boolean,
): Promise<Record<string, unknown>> {
  if (inputs.state === "exited") return { ...(await finishJob(container, inputs)) };
  const wait = inputs.waitForHealthy as boolean | WaitForHealthy | undefined;
  if (wait === undefined || wait === false || (inputs.state ?? "running") !== "running") return {};
  await waitHealthy(container, inputs, wait);
  // bringUp reuses the inspect taken before this step when the run state did not change: the verdict is newer.
  return { health: "healthy" };
}
