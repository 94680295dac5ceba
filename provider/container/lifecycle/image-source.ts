// Where a container's image comes from. Up may fetch it (pull policy); preview never changes the engine.
//   pull "missing" (default): pulled when the engine does not have the reference.
//   pull "always": a tag is pulled on every create and update; preview asks the registry (distribution inspect,
//     no pull) whether the tag now points to another image, and then plans a replace.
//   pull "never": the engine must have it.
// A digest (`repo@sha256:...`) cannot move: pulled only when missing. An image id is never pulled.
import type { DockerClient } from "../../docker/client";
import { inspectLocal, type LocalImage } from "../../docker/images";
import { pullImage, registryFailure, remoteDigest } from "../../docker/pull";
import { resolveAuth, type RegistryAuthInput, type ResolvedAuth } from "../../docker/registry-auth";
import { parseReference, type ImageReference } from "../../docker/registry-reference";
import { logToEngine } from "../../engine-log";
import { containsUnknown } from "../../unknown";
import { describe, type Inputs } from "../inputs";
import type { ImageFacts } from "../options/spec";
import type { PullPolicy } from "../settings/image";

function policyOf(inputs: Inputs): PullPolicy {
  return (inputs.pull as PullPolicy | undefined) ?? "missing";
}

function referenceOf(inputs: Inputs): ImageReference {
  try {
    return parseReference(String(inputs.image));
  } catch (err) {
    throw new Error(`${describe(inputs)}: ${(err as Error).message}`);
  }
}

/** An image id, or a prefix of one that the engine resolved: a local name, never pulled. */
function isLocalId(image: ImageReference, local: LocalImage | undefined): boolean {
  if (image.kind === "id") return true;
  return !!local && /^[a-f0-9]{12,64}$/.test(image.ref) && local.facts.id.replace(/^sha256:/, "").startsWith(image.ref);
}

function authFor(inputs: Inputs, image: ImageReference): ResolvedAuth {
  try {
    return resolveAuth(image, inputs.registryAuth as RegistryAuthInput | undefined);
  } catch (err) {
    throw new Error(`${describe(inputs)}: ${(err as Error).message}`);
  }
}

function missingError(inputs: Inputs, client: DockerClient, image: ImageReference): Error {
  const ref = image.ref;
  if (image.kind === "id") {
    return new Error(
      `${describe(inputs)}: image id "${ref}" is not on the Docker engine at ${client.endpoint}, and an image id cannot be pulled. ` +
        `Use a repository reference (repo:tag or repo@sha256:...), or build or load the image first.`,
    );
  }
  return new Error(
    `${describe(inputs)}: image "${ref}" is not on the Docker engine at ${client.endpoint}, and pull is "never". ` +
      `Pull or build it first (docker pull ${ref}), or set pull: "missing" to let dockwright pull it.`,
  );
}

/** For create and update: the image, made available on the engine as the pull policy allows. */
export async function acquireImage(client: DockerClient, inputs: Inputs): Promise<ImageFacts> {
  const image = referenceOf(inputs);
  const policy = policyOf(inputs);
  const local = await inspectLocal(client, image.ref);
  const mayMove = image.kind === "tag" && !isLocalId(image, local);
  if (local && !(policy === "always" && mayMove)) return local.facts;
  if (!local && (policy === "never" || image.kind === "id")) throw missingError(inputs, client, image);
  const auth = authFor(inputs, image);
  const label = describe(inputs);
  try {
    await pullImage(client, image, auth, { label, platform: typeof inputs.platform === "string" ? inputs.platform : undefined });
  } catch (err) {
    const what = local
      ? `cannot pull "${image.ref}"`
      : `image "${image.ref}" is not on the Docker engine at ${client.endpoint}, and pulling it failed`;
    throw registryFailure(label, what, image, auth, err);
  }
  const pulled = await inspectLocal(client, image.ref);
  if (!pulled) throw new Error(`${label}: the engine reported pulling "${image.ref}" but does not have it afterwards`);
  return pulled.facts;
}

/**
 * For diff (preview): the image the container would run after up, without pulling. Undefined when that cannot
 * be known on the engine: then the container is replaced.
 */
export async function imageForDiff(client: DockerClient, inputs: Inputs): Promise<ImageFacts | undefined> {
  const image = referenceOf(inputs);
  const local = await inspectLocal(client, image.ref);
  if (!local) return undefined;
  if (policyOf(inputs) !== "always" || image.kind !== "tag" || isLocalId(image, local)) return local.facts;
  const label = describe(inputs);
  // Credentials not known until other resources exist: the registry cannot be asked yet; up pulls.
  if (containsUnknown(inputs.registryAuth)) return local.facts;
  const auth = authFor(inputs, image);
  let digest: string;
  try {
    digest = await remoteDigest(client, image, auth);
  } catch (err) {
    // Preview does not fail on a registry it cannot ask: up pulls, and fails there with the same reason.
    await logToEngine(`${registryFailure(label, `cannot ask ${image.registry} where "${image.ref}" points`, image, auth, err).message} Up will try to pull it.`, "warning");
    return local.facts;
  }
  if (local.repoDigests.some((d) => d.endsWith(`@${digest}`))) return local.facts;
  await logToEngine(
    `${label}: pull "always": ${image.ref} now points to ${digest} in ${image.registry}, which the engine does not have: up pulls it and replaces the container`,
  );
  // Stands for the image up will pull: its id is not known before the pull, and it is not the local one.
  return { ...local.facts, id: `${image.name}@${digest}` };
}
