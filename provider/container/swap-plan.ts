// Which container a replacement replaces. Pulumi's create gets no old id, but it always calls diff (with the old
// id) first, in the same provider process: diff notes the container it plans to swap, and create takes the note.
import type Docker from "dockerode";
import type { EngineClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import { IDENTITY_LABEL, identityIn } from "../identity";
import type { Inputs } from "./inputs";

const plans = new Map<string, string>();

/** diff: the container with this identity will be replaced by a swap. */
export function planSwap(identity: string, id: string): void {
  plans.set(identity, id);
}

/**
 * create: the container its replacement swaps, as it is now; undefined when no swap was planned or the container
 * is gone (deleted first after all, or removed outside Pulumi). The note is used once.
 */
export async function replacedContainer(client: EngineClient, inputs: Inputs): Promise<Docker.ContainerInspectInfo | undefined> {
  const identity = identityIn(inputs);
  const id = identity === undefined ? undefined : plans.get(identity);
  if (identity === undefined || id === undefined) return undefined;
  plans.delete(identity);
  try {
    const info = await client.docker.getContainer(id).inspect();
    // Only ever this resource's own container.
    return (info.Config.Labels ?? {})[IDENTITY_LABEL] === identity ? info : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
