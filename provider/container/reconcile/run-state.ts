// Bringing a container from one run state to another with start, stop, pause and unpause: the apply side of the
// `state` option (options/run-state.ts says what the states are and how they are read).
import type Docker from "dockerode";
import { outcomeUnknown, statusOf } from "../../docker/errors";
import { readRunState, type ActualRunState, type RunState } from "../options/run-state";

// 304 means the container is already where we want it: not an error.
async function tolerate304(action: Promise<unknown>): Promise<void> {
  try {
    await action;
  } catch (err) {
    if (statusOf(err) !== 304) throw err;
  }
}

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
