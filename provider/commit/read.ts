import { dockerClient } from "../docker/client";
import { logToEngine } from "../engine-log";
import { inspectImage } from "./engine";
import { identityIn, rememberKnown } from "../identity";
import { describe, inputsOf, reference, type Inputs } from "./inputs";
import { refreshedOutputs } from "./outputs";

/**
 * Refresh: an image removed outside Pulumi leaves the state (empty id; the next up commits again). A tag moved
 * away shows in `repoTags` and a warning; the next up's diff makes a new commit.
 */
export async function read(id: string, props: Inputs): Promise<{ id: string; props: Inputs; inputs: Inputs }> {
  rememberKnown(identityIn(props), id);
  const client = await dockerClient(props);
  const info = await inspectImage(client, id);
  if (!info) return { id: "", props: {}, inputs: {} };
  const ref = reference(props);
  if (ref !== undefined && (await inspectImage(client, ref))?.Id !== info.Id) {
    await logToEngine(`${describe(props)}: ${ref} no longer names image ${info.Id.slice(7, 19)}; the next up makes a new commit`, "warning");
  }
  return { id: info.Id, props: refreshedOutputs(props, info), inputs: inputsOf(props) };
}
