import { engineClient } from "../docker/client";
import { engineMessage, isNotFound, statusOf } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { inspectImage } from "./engine";
import { describe, reference, type Inputs } from "./inputs";

/**
 * Removes what this commit made: its tag (when it still names this image) and the image itself once nothing
 * else tags it. Never forced: an image that a container (running or stopped) or a child image uses is left in
 * place with a warning, since removing it would break them. An image already gone is fine.
 */
export async function destroy(id: string, props: Inputs): Promise<void> {
  const client = await engineClient(props);
  const info = await inspectImage(client, id);
  if (!info) return;
  const ref = reference(props);
  const ours = ref !== undefined && (await inspectImage(client, ref))?.Id === info.Id ? ref : undefined;
  const others = (info.RepoTags ?? []).filter((t) => !ours || !sameRef(t, ours));
  const short = info.Id.replace(/^sha256:/, "").slice(0, 12);
  try {
    if (others.length) {
      // Someone else tagged it too: untag ours only, the image stays under the other names.
      if (ours) await client.docker.getImage(ours).remove();
      await logToEngine(`${describe(props)}: image ${short} is kept, it is also tagged ${others.join(", ")}`, "warning");
      return;
    }
    await client.docker.getImage(info.Id).remove();
  } catch (err) {
    if (isNotFound(err)) return;
    if (statusOf(err) !== 409) throw new Error(`cannot remove the image of ${describe(props)} (${short}): ${engineMessage(err)}`);
    await logToEngine(
      `${describe(props)}: image ${short}${ours ? ` (${ours})` : ""} was left on the engine because it is in use: ` +
        `${engineMessage(err)}. Remove it with docker rmi once nothing uses it.`,
      "warning",
    );
  }
}

/** RepoTags are in familiar form (`app:v1`, not `docker.io/library/app:v1`). */
function sameRef(tag: string, ref: string): boolean {
  const familiar = ref.replace(/^docker\.io\//, "").replace(/^library\//, "");
  return tag === ref || tag === familiar;
}
