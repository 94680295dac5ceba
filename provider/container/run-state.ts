import type Docker from "dockerode";
import { statusOf } from "../docker/errors";
import { z } from "zod";
import { defineOption } from "./option";

// 304 means the container is already where we want it: not an error.
async function tolerate304(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

export type RunState = "running" | "stopped" | "paused";

export const state = defineOption<RunState>({
  key: "state",
  schema: z.enum(["running", "stopped", "paused"], { error: 'expected "running", "stopped" or "paused"' }),
  normalize: (value: RunState) => value,
  whenUndeclared: () => "running",
  // Applied after create by the run-state step, not by the create body.
  write: () => undefined,
  read: (info) => (info.State.Paused ? "paused" : info.State.Running ? "running" : "stopped"),
  apply: "state",
});

/** A container that was created but never started (its first start failed, or has not happened yet). */
export function neverStarted(info: Docker.ContainerInspectInfo): boolean {
  return !info.State.StartedAt || info.State.StartedAt.startsWith("0001-");
}

/** Moves a container from one run state to another with start, stop, pause and unpause. */
export async function applyRunState(container: Docker.Container, from: RunState, to: RunState): Promise<void> {
  if (from === to) return;
  if (from === "paused") await tolerate304(container.unpause());
  if (to === "stopped") return tolerate304(container.stop());
  if (from === "stopped") await tolerate304(container.start());
  if (to === "paused") await tolerate304(container.pause());
}
