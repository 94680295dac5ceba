import type Docker from "dockerode";
import { engineClient } from "../docker/client";
import { isNotFound, statusOf } from "../docker/errors";
import { containerError } from "./errors";
import { describe, type Inputs } from "./inputs";

/**
 * Graceful stop and remove: the container's own stop signal and timeout (the engine applies both when no timeout is
 * passed) unless `deleteTimeout` overrides it, then removal with its anonymous volumes unless `removeVolumes` is
 * false. A container that is already gone, or removes itself (autoRemove), is fine.
 */
export async function removeContainer(container: Docker.Container, props: Inputs, id: string): Promise<void> {
  const timeout = typeof props.deleteTimeout === "number" ? { t: props.deleteTimeout } : {};
  try {
    await container.stop(timeout);
  } catch (err) {
    if (isNotFound(err)) return;
    if (statusOf(err) !== 304) throw containerError(`cannot stop ${describe(props, id)}`, err);
  }
  try {
    await container.remove({ v: props.removeVolumes !== false });
  } catch (err) {
    // 404: gone meanwhile; 409 "removal already in progress": an auto-remove container removing itself. Wait
    // until it is gone, so whatever is deleted next (its network, its volumes) is no longer in use.
    if (isNotFound(err)) return;
    if (statusOf(err) !== 409) throw containerError(`cannot remove ${describe(props, id)}`, err);
    await container.wait({ condition: "removed" }).catch((waitErr: unknown) => {
      if (!isNotFound(waitErr)) throw containerError(`cannot remove ${describe(props, id)}`, waitErr);
    });
  }
}

export async function destroy(id: string, props: Inputs): Promise<void> {
  const { docker } = await engineClient(props);
  await removeContainer(docker.getContainer(id), props, id);
}
