import { dockerClient } from "../docker/client";
import { engineMessage, isNotFound } from "../docker/errors";
import { waitForNoUsers } from "../shared/wait";
import { inspectVolume, volumeUsers } from "./engine";
import { describe, type Inputs } from "./inputs";

function inUse(props: Inputs, users: { id: string; name: string }[]): Error {
  const names = users.map((u) => `"${u.name}" (${u.id.slice(0, 12)})`).join(", ");
  return new Error(
    `cannot delete ${describe(props)}: containers that this run is not deleting use it: ${names}. ` +
      `The volume and its data are kept. Remove those containers (docker rm) and run the command again, or keep ` +
      `the volume when Pulumi deletes the resource with the resource option retainOnDelete: true.`,
  );
}

/**
 * Removes the volume and its data once no container uses it. Containers of the stack that mount it are deleted
 * first (they depend on it), so a container still using it after a short wait is outside this deletion: the
 * delete fails, naming it, and nothing is removed. A volume already gone is fine.
 */
export async function destroy(id: string, props: Inputs): Promise<void> {
  const client = await dockerClient(props);
  if (!(await inspectVolume(client, id))) return;
  const left = await waitForNoUsers(() => volumeUsers(client, id));
  if (left.length) throw inUse(props, left);
  try {
    await client.docker.getVolume(id).remove();
  } catch (err) {
    if (isNotFound(err)) return;
    const now = await volumeUsers(client, id);
    if (now.length) throw inUse(props, now);
    throw new Error(`cannot delete ${describe(props)}: ${engineMessage(err)}`);
  }
}
