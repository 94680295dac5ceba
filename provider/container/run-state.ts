import type Docker from "dockerode";
import { statusOf } from "../docker/errors";
import type { RunState } from "./options";

// 304 means the container is already where we want it: not an error.
async function tolerate304(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

/** Moves a container from one run state to another with start, stop, pause and unpause. */
export async function applyRunState(container: Docker.Container, from: RunState, to: RunState): Promise<void> {
  if (from === to) return;
  if (from === "paused") await tolerate304(container.unpause());
  if (to === "stopped") return tolerate304(container.stop());
  if (from === "stopped") await tolerate304(container.start());
  if (to === "paused") await tolerate304(container.pause());
}
