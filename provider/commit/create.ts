import type Docker from "dockerode";
import { engineClient, type EngineClient } from "../docker/client";
import { engineMessage, isNotFound } from "../docker/errors";
import { canonicalChanges, commitRequest } from "./changes";
import { danglingImages, inspectImage, postCommit, removeLeftovers } from "./engine";
import { describe, reference, type Inputs } from "./inputs";
import { commitOutputs, summarizeChanges } from "./outputs";

/** The container the inputs name (id or name); a clear error when it is not on the engine. */
export async function sourceContainer(client: EngineClient, inputs: Inputs): Promise<Docker.ContainerInspectInfo> {
  const ref = String(inputs.container);
  try {
    return await client.docker.getContainer(ref).inspect();
  } catch (err) {
    if (!isNotFound(err)) throw err;
    throw new Error(
      `cannot create ${describe(inputs)}: container "${ref}" is not on the Docker engine at ${client.endpoint}. ` +
        `Nothing was created; check the id or name (usually the Container resource's id).`,
    );
  }
}

export async function create(inputs: Inputs): Promise<{ id: string; outs: Inputs }> {
  const client = await engineClient(inputs);
  const source = await sourceContainer(client, inputs);
  const changed = await client.docker.getContainer(source.Id).changes();
  const { changes, config } = commitRequest(inputs.changes === undefined ? [] : canonicalChanges(inputs.changes as string | string[]));
  const before = await danglingImages(client);
  let imageId: string;
  try {
    imageId = await postCommit(
      client,
      {
        container: source.Id,
        repo: inputs.repository as string | undefined,
        tag: inputs.repository === undefined ? undefined : (inputs.tag as string | undefined),
        comment: inputs.message as string | undefined,
        author: inputs.author as string | undefined,
        changes,
        pause: inputs.pause !== false,
      },
      config,
    );
  } catch (err) {
    const removed = await removeLeftovers(client, source.Id, before).catch(() => []);
    const cleaned = removed.length ? ` The untagged image the engine left behind (${removed.map((i) => i.slice(7, 19)).join(", ")}) was removed.` : "";
    throw new Error(`cannot create ${describe(inputs)}: ${engineMessage(err)}. Nothing was created.${cleaned}`);
  }
  const info = await verifyCommitted(client, inputs, imageId);
  return { id: info.Id, outs: commitOutputs(inputs, info, source.Id, summarizeChanges(changed as { Path: string; Kind: number }[] | null)) };
}

/** The engine answered 201; make sure the image exists and carries the declared tag, else remove it and fail. */
async function verifyCommitted(client: EngineClient, inputs: Inputs, imageId: string): Promise<Docker.ImageInspectInfo> {
  const info = await inspectImage(client, imageId);
  if (!info) throw new Error(`cannot create ${describe(inputs)}: the engine reported image ${imageId} but does not have it`);
  const ref = reference(inputs);
  if (ref === undefined) return info;
  const tagged = await inspectImage(client, ref);
  if (tagged?.Id === info.Id) return info;
  await client.docker.getImage(info.Id).remove().catch(() => undefined);
  throw new Error(`cannot create ${describe(inputs)}: the engine did not tag the new image as ${ref}; the image was removed`);
}
