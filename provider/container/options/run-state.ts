// The run state: a service ("running", "stopped", "paused"), a container created but never started ("created"),
// or a job run once to completion ("exited"). Converged in place with start, stop, pause and unpause; a container
// that has started can never become "created" again, so that change replaces it.
import type Docker from "dockerode";
import { outcomeUnknown, statusOf } from "../../docker/errors";
import { z } from "zod";
import { defineOption } from "./spec";

// 304 means the container is already where we want it: not an error.
async function tolerate304(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

/** What a container is declared to be. */
export type RunState = "running" | "stopped" | "paused" | "created" | "exited";

/**
 * What inspect tells: running (also while the engine restarts it), paused, stopped (it ran and is not running:
 * stopped, or finished by itself) or created (never started). "exited" is never read: a job that ran to completion
 * reads as "stopped", which is what "exited" asks for.
 */
export type ActualRunState = Exclude<RunState, "exited">;

/** A container that was created but never started (its first start failed, or has not happened yet). */
export function neverStarted(info: Docker.ContainerInspectInfo): boolean {
  return !info.State.StartedAt || info.State.StartedAt.startsWith("0001-");
}

export function readRunState(info: Docker.ContainerInspectInfo): ActualRunState {
  if (info.State.Paused) return "paused";
  if (info.State.Running || info.State.Restarting) return "running";
  return neverStarted(info) ? "created" : "stopped";
}

/** Whether a container in `actual` is what `desired` declares. */
export function runStateHolds(desired: RunState, actual: RunState): boolean {
  if (desired === actual) return true;
  // Stopped: never started is stopped too. A job: ran and finished (its exit code is checked by up, not by diff).
  return (desired === "stopped" && actual === "created") || (desired === "exited" && actual === "stopped");
}

const STATES = ["running", "stopped", "paused", "created", "exited"] as const;

export const state = defineOption<RunState>({
  key: "state",
  schema: z.enum(STATES, {
    error: 'expected "running", "stopped" or "paused" (a service), "created" (created, never started) or "exited" (a job: run once to completion)',
  }),
  normalize: (value: RunState) => value,
  whenUndeclared: () => "running",
  // Applied after create by the run-state step, not by the create body.
  write: () => undefined,
  read: (info) => readRunState(info),
  equal: runStateHolds,
  // Refresh: a never-started container reads back as "stopped" (true of it, and what most declare); a finished
  // job too ("exited" is an intent inspect cannot tell from a stop).
  toInput: (value) => (value === "created" ? "stopped" : value),
  // Only start, stop, pause and unpause exist: a container that has started cannot go back to "created".
  inPlace: (desired, actual) => desired !== "created" || actual === "created",
  apply: "state",
  change: '(start, stop, pause, unpause); to `"created"` from a container that has run: replace',
  crossCheck: (inputs) => {
    if (inputs.state !== "exited") return [];
    const restart = inputs.restart;
    const policy = typeof restart === "string" ? restart.split(":")[0] : (restart as { name?: string } | undefined)?.name;
    return policy === "always" || policy === "unless-stopped"
      ? [{ property: "restart", reason: `a job (state "exited") runs to completion: restart "${policy}" would run it forever (use "no" or "on-failure")` }]
      : [];
  },
});

/**
 * One start, stop, pause or unpause. When its answer is lost (the connection broke, the deadline passed), the
 * engine may have done it: a re-inspect finds out, and only a container not in the state asked for fails.
 */
async function step(container: Docker.Container, action: () => Promise<unknown>, reached: (s: ActualRunState) => boolean): Promise<void> {
  try {
    await tolerate304(action());
  } catch (err) {
    if (!outcomeUnknown(err)) throw err;
    const now = await container.inspect().then(readRunState, () => undefined);
    if (now === undefined || !reached(now)) throw err;
  }
}

/**
 * The stop request's query: the declared `stopTimeout`, sent explicitly so the request's deadline allows for it
 * (docker/deadlines.ts); undeclared, nothing is sent, the engine applies its default of 10 s, and so does the deadline.
 */
export function stopQuery(inputs: Record<string, unknown>): { t?: number } {
  return typeof inputs.stopTimeout === "number" ? { t: inputs.stopTimeout } : {};
}

/**
 * Moves a container from one run state to another with start, stop, pause and unpause. For "exited" it only
 * starts the job: waiting for it to finish is the readiness step's work. `stopAfter`: the stop's query (stopQuery).
 */
export async function applyRunState(container: Docker.Container, from: RunState, to: RunState, stopAfter: { t?: number } = {}): Promise<void> {
  if (from === to || (to === "stopped" && from === "created") || (to === "created" && from === "stopped")) return;
  const idle = from === "stopped" || from === "created" || from === "exited";
  if (to === "created") {
    throw new Error(`a container that has run cannot be "created" again (it is ${from}): it must be replaced`);
  }
  if (from === "paused") await step(container, () => container.unpause(), (s) => s !== "paused");
  if (to === "stopped") return step(container, () => container.stop(stopAfter), (s) => s === "stopped" || s === "created");
  // A job may have finished already by the time the re-inspect looks: started is what counts.
  if (idle) await step(container, () => container.start(), (s) => s === "running" || s === "paused" || (to === "exited" && s === "stopped"));
  if (to === "paused") await step(container, () => container.pause(), (s) => s === "paused");
}
