import type Docker from "dockerode";
import { dockerClient, type DockerClient } from "../docker/client";
import { engineMessage, faultHint, faultOf, isNotFound } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { ATTEMPT_LABEL, IDENTITY_LABEL, identityIn, isKnown, labelFilter, newAttempt } from "../identity";
import { canonicalChanges, commitRequest } from "./changes";
import { danglingImages, inspectImage, postCommit, removeLeftovers } from "./engine";
import { describe, reference, type Inputs } from "./inputs";
import { commitOutputs, summarizeChanges } from "./outputs";

/** The container the inputs name (id or name); a clear error when it is not on the engine. */
async function sourceContainer(client: DockerClient, inputs: Inputs): Promise<Docker.ContainerInspectInfo> {
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
  const client = await dockerClient(inputs);
  const source = await sourceContainer(client, inputs);
  const changed = await client.docker.getContainer(source.Id).changes();
  const { changes, config } = commitRequest(inputs.changes === undefined ? [] : canonicalChanges(inputs.changes as string | string[]));
  const identity = identityIn(inputs);
  await removeLeftoverCommits(client, inputs, identity);
  // The image carries this resource's identity (replacing what a committed dockwright container had), so it can be
  // found when the answer is lost. Outputs leave these labels out (outputs.ts).
  const attempt = newAttempt();
  const labels = [...(identity ? [[IDENTITY_LABEL, identity]] : []), [ATTEMPT_LABEL, attempt]];
  changes.push(`LABEL ${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ")}`);
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
    // No answer at all: the engine may have made the image. An engine that answered with an error is handled below.
    if (faultOf(err) === "lost" || faultOf(err) === "timeout") {
      imageId = await afterLostCommit(client, inputs, attempt, err);
      const info = await verifyCommitted(client, inputs, imageId);
      return { id: info.Id, outs: commitOutputs(inputs, info, source.Id, summarizeChanges(changed as { Path: string; Kind: number }[] | null)) };
    }
    const removed = await removeLeftovers(client, source.Id, before).catch(() => []);
    const cleaned = removed.length ? ` The untagged image the engine left behind (${removed.map((i) => i.slice(7, 19)).join(", ")}) was removed.` : "";
    throw new Error(`cannot create ${describe(inputs)}: ${engineMessage(err)}. Nothing was created.${cleaned}`);
  }
  const info = await verifyCommitted(client, inputs, imageId);
  return { id: info.Id, outs: commitOutputs(inputs, info, source.Id, summarizeChanges(changed as { Path: string; Kind: number }[] | null)) };
}

/**
 * The commit's answer did not arrive (a lost connection, the deadline, an engine failure): the engine may have
 * made the image. It is found by this request's label; then the commit carries on with it.
 */
async function afterLostCommit(client: DockerClient, inputs: Inputs, attempt: string, err: unknown): Promise<string> {
  const what = `cannot create ${describe(inputs)}: ${engineMessage(err)}`;
  let found: string[];
  try {
    found = (await client.docker.listImages({ all: true, filters: labelFilter({ attempt }) })).map((i) => i.Id);
  } catch (lookupErr) {
    throw new Error(
      `${what}. Whether the image was made is unknown: looking for it failed too (${engineMessage(lookupErr)}). ` +
        `The next \`pulumi up\` finds it by its label ${ATTEMPT_LABEL}=${attempt} and removes it. ${faultHint(err) ?? ""}`.trim(),
    );
  }
  if (!found.length) throw new Error(`${what}. Nothing was created (the engine has no image from this commit). ${faultHint(err) ?? ""}`.trim());
  await logToEngine(`${describe(inputs)}: the answer to the commit was lost, but the engine made image ${found[0].slice(7, 19)}: using it`, "warning");
  return found[0];
}

/**
 * Images of this resource that the stack does not know, left by a run that did not finish: removed when nothing
 * but this commit's own reference names them (an image someone built from one keeps its own tag and stays).
 */
async function removeLeftoverCommits(client: DockerClient, inputs: Inputs, identity: string | undefined): Promise<void> {
  if (identity === undefined) return;
  const ref = reference(inputs);
  const mine = (tag: string) => ref !== undefined && (tag === ref || tag === ref.replace(/^docker\.io\/(library\/)?/, ""));
  for (const image of await client.docker.listImages({ all: true, filters: labelFilter({ identity }) })) {
    if (isKnown(identity, image.Id)) continue;
    const tags = (image.RepoTags ?? []).filter((t) => t !== "<none>:<none>");
    if (!tags.every(mine)) continue;
    await logToEngine(`${describe(inputs)}: removing image ${image.Id.slice(7, 19)}, left on the engine by an earlier run that did not finish`);
    await client.docker.getImage(image.Id).remove().catch((err: unknown) => {
      if (!isNotFound(err)) return logToEngine(`${describe(inputs)}: image ${image.Id.slice(7, 19)} from an earlier run stays: ${engineMessage(err)}`, "warning");
    });
  }
}

/** The engine answered 201; make sure the image exists and carries the declared tag, else remove it and fail. */
async function verifyCommitted(client: DockerClient, inputs: Inputs, imageId: string): Promise<Docker.ImageInspectInfo> {
  const info = await inspectImage(client, imageId);
  if (!info) throw new Error(`cannot create ${describe(inputs)}: the engine reported image ${imageId} but does not have it`);
  const ref = reference(inputs);
  if (ref === undefined) return info;
  const tagged = await inspectImage(client, ref);
  if (tagged?.Id === info.Id) return info;
  await client.docker.getImage(info.Id).remove().catch(() => undefined);
  throw new Error(`cannot create ${describe(inputs)}: the engine did not tag the new image as ${ref}; the image was removed`);
}
