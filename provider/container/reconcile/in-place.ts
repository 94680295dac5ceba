// The pipeline for a container that stays: plan, apply, bring-up, then a re-inspect that verifies every change
// took effect (never success for a change that did not happen). Update runs it, and so do adoption and the
// take-over of a leftover, with what they observed.
import type Docker from "dockerode";
import type { DockerClient } from "../../docker/client";
import { explainDifference } from "../explain";
import { describe, type Inputs } from "../inputs";
import type { Observation } from "../observed";
import { neverStarted, state as stateOption, type RunState } from "../options/run-state";
import { containerOutputs } from "../outputs";
import { applyInPlace } from "./apply";
import { bringUp } from "./bring-up";
import { listKeys, plan } from "./plan";

/**
 * Applies every difference in place, in a safe order (rename, update endpoint, networks, run state), then
 * re-inspects and verifies. Also resumes a container left behind by an earlier init failure. `seen`: the container
 * and its context as observed just before.
 */
export async function convergeInPlace(client: DockerClient, container: Docker.Container, news: Inputs, seen: Observation): Promise<{ outs: Inputs }> {
  const { ctx } = seen;
  const id = container.id;
  const planned = plan(news, ctx, seen.info);
  if (planned.replaces.length) {
    throw new Error(
      `${describe(news, id)}: ${listKeys(planned.replaces)} changed since the preview and can only change by replacing the ` +
        `container; nothing was changed. Run \`pulumi up\` again to replace it.`,
    );
  }
  const { warnings, lost } = await applyInPlace(client, container, news, ctx, planned);
  let info = await container.inspect();
  // The run state is planned from this inspect, not the one before the changes: a container that stopped or
  // exited meanwhile is brought back to its declared state rather than reported as not applied.
  const state = plan(news, ctx, info).by("state")[0];
  const current = stateOption.read(info, ctx);
  const step = state ? { from: state.actual as RunState, to: state.desired as RunState } : { from: current, to: current };
  // A container whose first start failed (init failure) resumes where create stopped: files included.
  const up = await bringUp(client, container, news, { ...step, fresh: neverStarted(info) }, info);
  info = up.info;

  const remaining = plan(news, ctx, info).differences;
  if (remaining.length && lost.length) {
    throw new Error(
      `${describe(news, id)}: the outcome of a change was unknown (${lost.join("; ")}); inspecting the container again shows ` +
        `${listKeys(remaining)} not applied (${remaining.map((d) => explainDifference(d)).join("; ")}). Run \`pulumi up\` again.`,
    );
  }
  if (remaining.length) {
    const said = warnings.length ? ` The engine said: ${warnings.join("; ")}.` : " The engine reported no error.";
    throw new Error(
      `${describe(news, id)}: the engine did not apply ${listKeys(remaining)} ` +
        `(${remaining.map((d) => explainDifference(d)).join("; ")}).${said}`,
    );
  }
  return { outs: { ...containerOutputs(news, info), ...up.extra } };
}
