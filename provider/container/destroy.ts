import type Docker from "dockerode";
import { dockerClient } from "../docker/client";
import { isNotFound, outcomeUnknown, statusOf } from "../docker/errors";
import { containerError } from "./errors";
import { describe, type Inputs } from "./inputs";
import { stopQuery } from "./reconcile/run-state";

/**
 * Graceful stop and remove: the container's own stop signal and timeout (the engine applies both when no timeout is
 * passed) unless `deleteTimeout` overrides it, then removal with its anonymous volumes unless `removeVolumes` is
 * false. A container that is already gone, or removes itself (autoRemove), is fine.
 */
export async function removeContainer(container: Docker.Container, props: Inputs, id: string): Promise<void> {
  const timeout = typeof props.deleteTimeout === "number" ? { t: props.deleteTimeout } : stopQuery(props);
  try {
    await container.stop(timeout);
  } catch (err) {
    if (isNotFound(err)) return;
    // A lost answer: the remove below finds out (a container still running answers 409 and is forced).
    if (statusOf(err) !== 304 && !outcomeUnknown(err)) throw containerError(`cannot stop ${describe(props, id)}`, err);
  }
  try {
    await container.remove({ v: props.removeVolumes !== false });
  } catch (err) {
    // 404: gone meanwhile; 409 "removal already in progress": an auto-remove container removing itself. Wait
    // until it is gone, so whatever is deleted next (its network, its volumes) is no longer in use.
    if (isNotFound(err)) return;
    if (outcomeUnknown(err)) return afterLostRemove(container, props, id, err);
    if (statusOf(err) !== 409) throw containerError(`cannot remove ${describe(props, id)}`, err);
    await afterConflict(container, props, id);
  }
}

/** The answer to remove was lost: gone means done; otherwise report the unknown outcome with what inspect saw. */
async function afterLostRemove(container: Docker.Container, props: Inputs, id: string, err: unknown): Promise<void> {
  try {
    await container.inspect();
  } catch (inspectErr) {
    if (isNotFound(inspectErr)) return;
  }
  throw containerError(`cannot remove ${describe(props, id)}`, err, "It is still on the engine; run the command again");
}

/**
 * 409 on remove: either the container removes itself (autoRemove), or something started it again between stop
 * and remove. Wait for the first (bounded); force the second, as the stop already had its graceful chance.
 */
async function afterConflict(container: Docker.Container, props: Inputs, id: string): Promise<void> {
  let info;
  try {
    info = await container.inspect();
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
  if (info.State.Running || info.State.Restarting) {
    await container.remove({ force: true, v: props.removeVolumes !== false }).catch((err: unknown) => {
      if (!isNotFound(err)) throw containerError(`cannot remove ${describe(props, id)}`, err);
    });
    return;
  }
  const removed = container.wait({ condition: "removed" }).catch((err: unknown) => {
    if (!isNotFound(err)) throw containerError(`cannot remove ${describe(props, id)}`, err);
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${describe(props, id)} was still being removed by the engine after ${REMOVAL_WAIT_S} s: check it with docker ps -a, then run the command again`)), REMOVAL_WAIT_S * 1000);
  });
  try {
    await Promise.race([removed, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const REMOVAL_WAIT_S = 60;

export async function destroy(id: string, props: Inputs): Promise<void> {
  const { docker } = await dockerClient(props);
  await removeContainer(docker.getContainer(id), props, id);
}
