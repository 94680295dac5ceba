// Containers this resource left on the engine without the stack knowing: a `pulumi up` killed between the create
// request and Pulumi saving the answer, or an answer that never came while the engine was gone. They carry the
// resource's identity label (identity.ts); create takes one over (when it can become the declared container in
// place) and removes the others, so a resource never has two containers.
import type Docker from "dockerode";
import type { DockerClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { identityIn, isKnown, labelFilter } from "../identity";
import { containerError, initFailure, isShaped } from "./errors";
import { AUTONAME_KEY, describe, type Inputs } from "./inputs";
import type { Context } from "./options/spec";
import { containerOutputs } from "./outputs";
import { convergeInPlace } from "./reconcile/in-place";
import { imageOfContainer, inspectOrGone } from "./reconcile/observe";
import { plan } from "./reconcile/plan";

/** Containers with this resource's identity that this provider process has not seen as the stack's own. */
async function findLeftovers(client: DockerClient, identity: string): Promise<string[]> {
  const listed = await client.docker.listContainers({ all: true, filters: labelFilter({ identity }) });
  return listed.map((c) => c.Id).filter((id) => !isKnown(identity, id));
}

async function removeLeftover(client: DockerClient, inputs: Inputs, id: string, name: string): Promise<void> {
  const short = id.slice(0, 12);
  await logToEngine(`${describe(inputs)}: removing ${short} (${name.replace(/^\//, "")}), left on the engine by an earlier run that did not finish`);
  try {
    await client.docker.getContainer(id).remove({ force: true, v: inputs.removeVolumes !== false });
  } catch (err) {
    if (!isNotFound(err)) throw containerError(`cannot remove ${short}, a container of ${describe(inputs)} left by an earlier run`, err);
  }
}

/**
 * Removes every leftover (none is taken over): before a swap, where a leftover may hold the name or the host port
 * the new container needs, and the container being replaced (`replaced`) still serves. A swap that was cut off
 * is thereby cleaned up and done again from the start.
 */
export async function removeLeftovers(client: DockerClient, inputs: Inputs, replaced: string): Promise<void> {
  const identity = identityIn(inputs);
  if (identity === undefined) return;
  const listed = await client.docker.listContainers({ all: true, filters: labelFilter({ identity }) });
  for (const c of listed) {
    if (c.Id === replaced || isKnown(identity, c.Id)) continue;
    await removeLeftover(client, inputs, c.Id, c.Names?.[0] ?? "");
  }
}

/**
 * Takes over a leftover that can become the declared container in place (newest first) and removes every other
 * one. Returns the result of the take-over, or undefined when a new container is to be created.
 */
export async function takeOverLeftovers(client: DockerClient, inputs: Inputs, ctx: Context): Promise<{ id: string; outs: Inputs } | undefined> {
  const identity = identityIn(inputs);
  if (identity === undefined) return undefined;
  const ids = await findLeftovers(client, identity);
  if (!ids.length) return undefined;
  const infos = (await Promise.all(ids.map((id) => inspectOrGone(client, id)))).filter((i): i is Docker.ContainerInspectInfo => !!i);
  infos.sort((a, b) => b.Created.localeCompare(a.Created));
  let chosen: Docker.ContainerInspectInfo | undefined;
  for (const info of infos) {
    const image = await imageOfContainer(client, info, ctx.image);
    const fits = !chosen && image !== undefined && !plan(inputs, ctx, info, image).replaces.length;
    if (fits) {
      chosen = info;
      continue;
    }
    await removeLeftover(client, inputs, info.Id, info.Name);
  }
  if (!chosen) return undefined;
  const name = chosen.Name.replace(/^\//, "");
  // An unnamed container keeps the name it was created with.
  const adopted = inputs.name === undefined ? { ...inputs, [AUTONAME_KEY]: name } : inputs;
  await logToEngine(`${describe(adopted)}: taking over ${chosen.Id.slice(0, 12)}, created by an earlier run that did not finish`);
  try {
    const { outs } = await convergeInPlace(client, client.docker.getContainer(chosen.Id), adopted, { ctx, info: chosen });
    return { id: chosen.Id, outs };
  } catch (err) {
    // From here on the container is the stack's: keep it there whatever failed.
    if ((err as { id?: string }).id) throw err;
    const message = isShaped(err) ? (err as Error).message : containerError(`cannot take over ${describe(adopted)}`, err).message;
    throw initFailure(`${message.replace(/\.$/, "")}. It is kept in the stack; the next \`pulumi up\` resumes it.`, chosen.Id, containerOutputs(adopted, chosen), adopted);
  }
}
