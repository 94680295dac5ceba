import { engineClient } from "../docker/client";
import { isNotFound, statusOf } from "../docker/errors";
import { containerError } from "./errors";
import { describe, type Inputs } from "./inputs";

/**
 * Graceful delete: stop with the container's own stop signal and timeout (the engine applies both when no
 * timeout is passed), then remove it with its anonymous volumes. A container that is already gone is fine.
 */
export async function destroy(id: string, props: Inputs): Promise<void> {
  const { docker } = await engineClient(props);
  const container = docker.getContainer(id);
  try {
    await container.stop();
  } catch (err) {
    if (isNotFound(err)) return;
    if (statusOf(err) !== 304) throw containerError(`cannot stop ${describe(props, id)}`, err);
  }
  try {
    await container.remove({ v: true });
  } catch (err) {
    // 404: gone meanwhile; 409 "removal already in progress": an auto-remove container removing itself.
    if (isNotFound(err) || statusOf(err) === 409) return;
    throw containerError(`cannot remove ${describe(props, id)}`, err);
  }
}
