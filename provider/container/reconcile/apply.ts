// Step 3 of the pipeline, apply: the in-place differences of a plan, in a safe order: rename, the update endpoint,
// networks. The run state comes after, with the bring-up (bring-up.ts).
import type Docker from "dockerode";
import type { DockerClient } from "../../docker/client";
import { outcomeUnknown, statusOf } from "../../docker/errors";
import { logToEngine } from "../../engine-log";
import type { Difference } from "../compare";
import { containerError, engineCause } from "../errors";
import { describe, type Inputs } from "../inputs";
import { applyNetworks } from "../network-apply";
import { OPTIONS } from "../options";
import type { Endpoint } from "../options/networking";
import type { Context } from "../options/spec";
import { listKeys, type Plan } from "./plan";

const byKey = new Map(OPTIONS.map((o) => [o.key, o]));

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

/** Attaches and detaches networks as `d` (a difference of mode "network") asks. */
export function applyNetworkDifference(client: DockerClient, container: Docker.Container, inputs: Inputs, d: Difference): Promise<void> {
  return applyNetworks(client, container, inputs, d.desired as Endpoint[], d.actual as Endpoint[]);
}

/**
 * Renames, updates and joins or leaves networks as `planned` says. A step whose answer was lost may have been
 * carried out: it carries on, and the caller's re-inspect finds out. Returns the engine's warnings and the lost
 * steps' messages.
 */
export async function applyInPlace(
  client: DockerClient,
  container: Docker.Container,
  news: Inputs,
  ctx: Context,
  planned: Plan,
): Promise<{ warnings: string[]; lost: string[] }> {
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
  for (const d of planned.by("rename")) await tolerant(() => rename(container, d.actual as string, d.desired as string), undefined);
  const limits = planned.by("update");
  const warnings = limits.length ? await tolerant(() => updateLimits(container, news, ctx, limits), [] as string[]) : [];
  for (const d of planned.by("network")) await tolerant(() => applyNetworkDifference(client, container, news, d), undefined);
  return { warnings, lost };
}
