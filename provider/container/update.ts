import type Docker from "dockerode";
import { engineClient } from "../docker/client";
import { isNotFound, outcomeUnknown, statusOf } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { compare, type Difference } from "./compare";
import { bringUp, imageContext } from "./create";
import { containerError, engineCause } from "./errors";
import { explainDifference } from "./explain";
import { applyNetworks } from "./network-apply";
import type { Endpoint } from "./options/networking";
import { describe, type Inputs } from "./inputs";
import type { Context } from "./options/spec";
import { OPTIONS, type RunState } from "./options";
import { neverStarted, state as stateOption } from "./options/run-state";
import { containerOutputs } from "./outputs";
import { takeObservation, type Observation } from "./observed";

const byKey = new Map(OPTIONS.map((o) => [o.key, o]));

function listKeys(differences: Difference[]): string {
  return differences.map((d) => d.key).join(", ");
}

async function rename(container: Docker.Container, from: string, to: string): Promise<void> {
  try {
    await container.rename({ name: to });
  } catch (err) {
    const hint = statusOf(err) === 409 ? `Another container is already named "${to}": remove it or choose another name` : undefined;
    throw containerError(`cannot rename container "${from}" to "${to}"`, err, hint);
  }
}

/** One call to the update endpoint with every changed limit; returns the engine's warnings. */
async function updateLimits(container: Docker.Container, inputs: Inputs, ctx: Context, changes: Difference[]): Promise<string[]> {
  const body = Object.assign({}, ...changes.map((d) => byKey.get(d.key)!.updateBody!(d.desired, ctx)));
  try {
    const response = (await container.update(body)) as { Warnings?: string[] | null } | undefined;
    return response?.Warnings ?? [];
  } catch (err) {
    if (outcomeUnknown(err)) throw containerError(`cannot change ${listKeys(changes)} of ${describe(inputs)} in place`, err);
    throw containerError(`the engine refused to change ${listKeys(changes)} of ${describe(inputs)} in place`, err,
      "Nothing else was changed");
  }
}

/**
 * Applies every difference in place, in a safe order (rename, update endpoint, networks, run state), then re-inspects and
 * verifies that each one took effect: never success for a change that did not happen. Also resumes a container
 * left behind by an earlier init failure. `seen`: the container and its context as just observed (adoption);
 * otherwise what diff observed moments before, or a fresh inspect.
 */
export async function update(id: string, _olds: Inputs, news: Inputs, seen?: Observation): Promise<{ outs: Inputs }> {
  const client = await engineClient(news);
  const container = client.docker.getContainer(id);
  const observed = seen ?? takeObservation(id, client.endpoint, news);
  let info = observed?.info;
  if (!info) {
    try {
      info = await container.inspect();
    } catch (err) {
      const hint = isNotFound(err) ? "It was removed outside Pulumi: run `pulumi refresh`, then `pulumi up`" : undefined;
      throw containerError(`cannot update ${describe(news, id)}`, err, hint);
    }
  }
  // After the inspect, not beside it: acquiring may pull, which is no use for a container that is gone.
  const ctx = observed?.ctx ?? (await imageContext(client, news));
  const differences = compare(news, ctx, info);
  const needReplace = differences.filter((d) => d.mode === "replace");
  if (needReplace.length) {
    throw new Error(
      `${describe(news, id)}: ${listKeys(needReplace)} changed since the preview and can only change by replacing the ` +
        `container; nothing was changed. Run \`pulumi up\` again to replace it.`,
    );
  }
  const of = (mode: Difference["mode"]) => differences.filter((d) => d.mode === mode);
  // A step whose answer was lost may have been carried out: carry on, and let the re-inspect below find out.
  const lost: string[] = [];
  const tolerant = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (!outcomeUnknown(engineCause(err))) throw err;
      lost.push((err as Error).message);
      await logToEngine(`${(err as Error).message.replace(/\.$/, "")}; checking what the engine did`, "warning");
      return fallback;
    }
  };
  for (const d of of("rename")) await tolerant(() => rename(container, d.actual as string, d.desired as string), undefined);
  const limits = of("update");
  const warnings = limits.length ? await tolerant(() => updateLimits(container, news, ctx, limits), [] as string[]) : [];
  for (const d of of("network")) {
    await tolerant(() => applyNetworks(client, container, news, d.desired as Endpoint[], d.actual as Endpoint[]), undefined);
  }
  info = await container.inspect();
  // The run state is planned from this inspect, not the one before the changes: a container that stopped or
  // exited meanwhile is brought back to its declared state rather than reported as not applied.
  const state = compare(news, ctx, info).find((d) => d.mode === "state");
  const current = stateOption.read(info, ctx);
  const step = state ? { from: state.actual as RunState, to: state.desired as RunState } : { from: current, to: current };
  // A container whose first start failed (init failure) resumes where create stopped: files included.
  const up = await bringUp(client, container, news, { ...step, fresh: neverStarted(info) }, info);
  info = up.info;

  const remaining = compare(news, ctx, info);
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
