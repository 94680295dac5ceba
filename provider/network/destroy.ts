import { dockerClient, type DockerClient } from "../docker/client";
import { engineMessage, isNotFound } from "../docker/errors";
import { waitForNoUsers } from "../shared/wait";
import { endpointsOf, inspectNetwork } from "./engine";
import { AUTONAME_KEY, describe, type Inputs } from "./inputs";

function inUse(props: Inputs, network: string, users: { id: string; name: string }[]): Error {
  const names = users.map((u) => `"${u.name}" (${u.id.slice(0, 12)})`).join(", ");
  return new Error(
    `cannot delete ${describe(props)}: containers that this run is not deleting still use it: ${names}. ` +
      `Disconnect them (docker network disconnect ${network} ${users[0].name}) or remove them, then run the command again. ` +
      (props[AUTONAME_KEY] === undefined
        ? `If this is a replacement: a network with a fixed name is removed before its replacement is created; ` +
          `without a name it is replaced create-before-delete and the stack's containers move to the new one in place.`
        : ""),
  );
}

async function users(client: DockerClient, id: string) {
  const info = await inspectNetwork(client, id);
  return info ? endpointsOf(info) : [];
}

/**
 * Removes the network once nothing is attached. Containers of the stack that use it are deleted first (they
 * depend on it), so whoever is still attached after a short wait is outside this deletion: the delete fails,
 * naming them, and the network stays in the stack. A network already gone is fine.
 */
export async function destroy(id: string, props: Inputs): Promise<void> {
  const client = await dockerClient(props);
  const info = await inspectNetwork(client, id);
  if (!info) return;
  const left = await waitForNoUsers(() => users(client, id));
  if (left.length) throw inUse(props, info.Name, left);
  try {
    await client.docker.getNetwork(id).remove();
  } catch (err) {
    if (isNotFound(err)) return;
    const now = await users(client, id);
    if (now.length) throw inUse(props, info.Name, now);
    throw new Error(`cannot delete ${describe(props)}: ${engineMessage(err)}`);
  }
}
