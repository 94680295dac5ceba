// Step 4 of the pipeline, bring-up: everything after the container exists and holds its configuration: files (a
// new container only), the run state, and readiness (healthy, or a job's exit).
import type Docker from "dockerode";
import type { DockerClient } from "../../docker/client";
import { faultOf, isNotFound } from "../../docker/errors";
import { containerError, initFailure } from "../errors";
import { describe, type Inputs } from "../inputs";
import { writeFiles } from "../lifecycle/files";
import { afterStart } from "../lifecycle/readiness";
import { desiredValue } from "../compare";
import { state, type RunState } from "../options/run-state";
import type { Context } from "../options/spec";
import { containerOutputs, knownOutputs } from "../outputs";
import { applyRunState, stopQuery } from "./run-state";

/** The run state the declaration asks for ("running" when it declares none). */
export function declaredState(ctx: Context): RunState {
  return desiredValue(state, ctx) as RunState;
}

/** Brings the container from one run state to the other and waits for what "up" means; returns extra outputs. */
export async function reachState(client: DockerClient, container: Docker.Container, inputs: Inputs, step: { from: RunState; to: RunState }): Promise<Record<string, unknown>> {
  await applyRunState(container, step.from, step.to, stopQuery(inputs));
  const started = step.from !== step.to && step.from !== "running" && step.to !== "stopped";
  return afterStart(client, container, inputs, started);
}

/**
 * Files, the run state and readiness. A failure leaves the container in Pulumi's state (init failure) rather than
 * orphaned, and the next `pulumi up` resumes through update.
 */
export async function bringUp(
  client: DockerClient,
  container: Docker.Container,
  inputs: Inputs,
  step: { from: RunState; to: RunState; fresh: boolean },
  /** The container as last inspected, reused when nothing changes its state. */
  current?: Docker.ContainerInspectInfo,
): Promise<{ info: Docker.ContainerInspectInfo; extra: Record<string, unknown> }> {
  try {
    if (step.fresh) await writeFiles(client, container, inputs);
    const extra = await reachState(client, container, inputs, step);
    // Re-inspect unless nothing happened since `current` (no state change, nothing waited for).
    const unchanged = current && !step.fresh && step.from === step.to && Object.keys(extra).length === 0;
    return { info: unchanged ? current : await container.inspect(), extra };
  } catch (err) {
    const info = await container.inspect().catch((inspectErr: unknown) => {
      // Gone (an autoRemove container that exited): nothing to keep; report the real cause.
      if (isNotFound(inspectErr)) throw containerError(`${describe(inputs)} exited and was removed by the engine (autoRemove)`, err);
      // The engine does not answer: the container exists all the same, and the stack must keep it.
      return undefined;
    });
    const what = step.fresh || step.from !== step.to ? `could not be brought to state "${step.to}"` : "is not ready";
    const message = containerError(`${describe(inputs)} ${what}`, err,
      "It is kept in the stack; fix the cause and run `pulumi up` again").message;
    // Where the engine could not say what happened, say what the next up does; otherwise the hint above says it.
    const fault = faultOf(err);
    const kept = fault === "timeout" || fault === "unreachable" || fault === "lost" ? " It is kept in the stack; the next `pulumi up` resumes it." : "";
    // The engine's hint may end without a full stop.
    throw initFailure(kept ? `${message.replace(/\.$/, "")}.${kept}` : message, info?.Id ?? container.id, info ? containerOutputs(inputs, info) : knownOutputs(inputs), inputs);
  }
}
