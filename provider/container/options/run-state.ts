// The run state: a service ("running", "stopped", "paused"), a container created but never started ("created"),
// or a job run once to completion ("exited"). Converged in place with start, stop, pause and unpause (reconcile/run-state.ts);
// a container that has started can never become "created" again, so that change replaces it.
import type Docker from "dockerode";
import { z } from "zod";
import { defineOption } from "./spec";

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
