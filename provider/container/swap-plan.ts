// Which container a replacement replaces. Pulumi's create gets no old id, but it always calls diff (with the old
// id) first, in the same provider process: diff notes the container it plans to swap, and create takes the note.
import type Docker from "dockerode";
import type { DockerClient } from "../docker/client";
import { IDENTITY_LABEL, identityIn } from "../identity";
import type { Inputs } from "./inputs";
import { inspectOrGone } from "./reconcile/observe";

/** The container being replaced, and what the stack declared for it: what a rollback restores. */
export interface SwapPlan {
  id: string;
  /** The name the stack knows it by (a swap cut off earlier may have left it under another). */
  name?: string;
  /** Declared to run (a swap cut off earlier may have left it stopped). */
  running: boolean;
}

const plans = new Map<string, SwapPlan>();

/** diff: the container with this identity will be replaced by a swap. `olds`: the stack's outputs of it. */
export function planSwap(identity: string, id: string, olds: Inputs): void {
  const name = typeof olds.name === "string" ? olds.name : undefined;
  plans.set(identity, { id, name, running: (olds.state ?? "running") === "running" });
}

/**
 * create: the container its replacement swaps, as it is now; undefined when no swap was planned or the container
 * is gone (deleted first after all, or removed outside Pulumi). The note is used once.
 */
export async function replacedContainer(client: DockerClient, inputs: Inputs): Promise<{ info: Docker.ContainerInspectInfo; plan: SwapPlan } | undefined> {
  const identity = identityIn(inputs);
  const plan = identity === undefined ? undefined : plans.get(identity);
  if (identity === undefined || plan === undefined) return undefined;
  plans.delete(identity);
  const info = await inspectOrGone(client, plan.id);
  // Only ever this resource's own container.
  return info && (info.Config.Labels ?? {})[IDENTITY_LABEL] === identity ? { info, plan } : undefined;
}
