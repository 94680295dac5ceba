// Create: a new container for the declaration, unless the stack's replacement planned a swap (swap.ts), `adopt`
// takes over the container that has the name, or a leftover of an earlier run can become it (leftovers.ts).
// Each path runs the pipeline: observe, plan, make or apply, bring-up (reconcile/).
import type Docker from "dockerode";
import { dockerClient, type DockerClient } from "../docker/client";
import { statusOf } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { removeContainer } from "./destroy";
import { containerError } from "./errors";
import { explainDiff } from "./explain";
import { describe, type Inputs } from "./inputs";
import { takeOverLeftovers } from "./leftovers";
import { requireHealthcheck } from "./lifecycle/readiness";
import { requireNetworks } from "./network-lookup";
import type { Context } from "./options/spec";
import { containerOutputs } from "./outputs";
import { bringUp, declaredState } from "./reconcile/bring-up";
import { createStopped } from "./reconcile/create-stopped";
import { convergeInPlace } from "./reconcile/in-place";
import { imageContext, imageOfContainer, inspectOrGone } from "./reconcile/observe";
import { plan } from "./reconcile/plan";
import { swap } from "./swap";
import { replacedContainer } from "./swap-plan";

export async function create(inputs: Inputs): Promise<{ id: string; outs: Inputs }> {
  const client = await dockerClient(inputs);
  const ctx = await imageContext(client, inputs);
  // Before anything is created (or an adopted container is stopped): the engine would create a container on a
  // network that does not exist and fail only at its start.
  await requireNetworks(client, inputs, describe(inputs));
  requireHealthcheck(inputs, ctx);
  // A replacement of a container of this resource, planned as a swap by diff: it keeps the service up.
  const replaced = await replacedContainer(client, inputs);
  if (replaced) return swap(client, inputs, ctx, replaced.info, replaced.plan);
  const existing = inputs.adopt === true ? await adoptable(client, inputs) : undefined;
  if (existing) return adopt(client, inputs, ctx, existing);
  // A container of this resource that the stack does not know (left by a killed run, or an answer that never
  // came) is taken over or removed before anything new is made: never a second one.
  const resumed = await takeOverLeftovers(client, inputs, ctx);
  return resumed ?? createNew(client, inputs, ctx);
}

async function createNew(client: DockerClient, declared: Inputs, ctx: Context): Promise<{ id: string; outs: Inputs }> {
  const { container, inputs } = await createStopped(client, declared, ctx);
  const to = declaredState(ctx);
  const { info, extra } = await bringUp(client, container, inputs, { from: "stopped", to, fresh: true });
  return { id: info.Id, outs: { ...containerOutputs(inputs, info), ...extra } };
}

/** The container that holds the declared name, for `adopt: true`. */
async function adoptable(client: DockerClient, inputs: Inputs): Promise<Docker.ContainerInspectInfo | undefined> {
  if (typeof inputs.name !== "string") return undefined;
  const info = await inspectOrGone(client, inputs.name);
  // The engine also resolves id prefixes: only a container with exactly this name is adopted.
  return info?.Name.replace(/^\//, "") === inputs.name ? info : undefined;
}

/**
 * `adopt: true`: the container that already has the declared name is taken over instead of failing on the name
 * conflict. What can change in place is changed in place (same container, same process). If anything needs a new
 * container (or files must be uploaded, which happens only before a first start), a new one is created while the
 * existing one waits stopped under another name; it is removed once the new one exists, and restored if create fails.
 */
async function adopt(client: DockerClient, inputs: Inputs, ctx: Context, info: Docker.ContainerInspectInfo): Promise<{ id: string; outs: Inputs }> {
  const short = info.Id.slice(0, 12);
  const { differences, replaces } = plan(inputs, ctx, info, (await imageOfContainer(client, info, ctx.image)) ?? ctx.image);
  if (!replaces.length && inputs.uploads === undefined) {
    await logToEngine(
      differences.length
        ? explainDiff(`${describe(inputs)}: adopting ${short}`, differences)
        : `${describe(inputs)}: adopting ${short}, which already matches the declaration`,
    );
    const { outs } = await convergeInPlace(client, client.docker.getContainer(info.Id), inputs, { ctx, info });
    return { id: info.Id, outs };
  }
  const why = replaces.length ? explainDiff(`${describe(inputs)}: adopting ${short} by replacing it`, replaces) : `${describe(inputs)}: adopting ${short} by replacing it (uploads: files go into a new container)`;
  await logToEngine(why);
  const old = client.docker.getContainer(info.Id);
  const aside = `${inputs.name}-adopted-${info.Id.slice(0, 7)}`;
  await old.stop({ t: (info.Config as { StopTimeout?: number | null }).StopTimeout ?? 10 }).catch((err: unknown) => {
    if (statusOf(err) !== 304) throw containerError(`cannot stop ${describe(inputs)} to replace it`, err);
  });
  await old.rename({ name: aside });
  try {
    const created = await createNew(client, inputs, ctx);
    await removeContainer(old, inputs, info.Id);
    return created;
  } catch (err) {
    const failure = err as Error & { id?: string; reasons?: string[] };
    if (failure.id) {
      // The new container exists (kept in the stack): the one it replaces stays, stopped, under the other name.
      failure.message += ` The container it replaces was kept, stopped, as "${aside}".`;
      if (failure.reasons) failure.reasons = [failure.message];
      throw failure;
    }
    await old.rename({ name: String(inputs.name) }).catch(() => undefined);
    if (info.State.Running) await old.start().catch(() => undefined);
    throw err;
  }
}
