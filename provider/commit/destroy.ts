import type { DockerClient } from "../docker/client";
import { dockerClient } from "../docker/client";
import { engineMessage, isNotFound, statusOf } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { inspectImage } from "./engine";
import { describe, reference, type Inputs } from "./inputs";

/** An empty tar archive (two zero blocks): the content of the placeholder image below. */
const EMPTY_TAR = Buffer.alloc(1024);

/** `POST /images/create?fromSrc=-`: a new empty image tagged `repo:tag`; returns its id. */
function importEmpty(client: DockerClient, repo: string, tag: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.docker.modem.dial(
      {
        path: "/images/create?",
        method: "POST",
        options: { fromSrc: "-", repo, tag },
        file: EMPTY_TAR,
        isStream: false,
        statusCodes: { 200: true, 400: "bad parameter", 500: "server error" },
      },
      (err: unknown, data: unknown) => {
        if (err) return reject(err);
        // The answer is JSON progress lines; the last status is the new image's id.
        const text = Buffer.isBuffer(data) ? data.toString("utf8") : typeof data === "string" ? data : JSON.stringify(data);
        const id = /sha256:[a-f0-9]{64}/.exec(text)?.[0];
        return id ? resolve(id) : reject(new Error(`the engine did not report the placeholder image's id (${text.slice(0, 200)})`));
      },
    ),
  );
}

/**
 * Removes the tag `ref` from image `imageId` without removing the image. The engine removes a tag on its own only
 * when the image keeps a name (another tag) or nothing uses it; it refuses ("must force") for the last tag of an
 * image a container uses, and forcing it would delete the image under a stopped container. So the tag is moved to
 * an empty placeholder image, which is then removed with it: the committed image stays, untagged, for whatever
 * uses it.
 */
async function untag(client: DockerClient, ref: string, imageId: string): Promise<void> {
  try {
    await client.docker.getImage(ref).remove();
    return;
  } catch (err) {
    if (isNotFound(err)) return;
    if (statusOf(err) !== 409) throw err;
  }
  // A 409 can also come after the tag was removed (a child image keeps the image): then the tag is already gone.
  if ((await inspectImage(client, ref))?.Id !== imageId) return;
  const colon = ref.lastIndexOf(":");
  const placeholder = await importEmpty(client, ref.slice(0, colon), ref.slice(colon + 1));
  await client.docker.getImage(placeholder).remove();
}

/**
 * Removes what this commit made: its tag, always (when it still names this image: a tag moved to another image
 * outside Pulumi is not ours any more), and the image itself when nothing else needs it. The image is never forced
 * away: one that a container (running or stopped), a child image or another tag uses is left in place, untagged by
 * us, with a warning. An image already gone is fine.
 */
export async function destroy(id: string, props: Inputs): Promise<void> {
  const client = await dockerClient(props);
  const info = await inspectImage(client, id);
  if (!info) return;
  const short = info.Id.replace(/^sha256:/, "").slice(0, 12);
  const ref = reference(props);
  const ours = ref !== undefined && (await inspectImage(client, ref))?.Id === info.Id ? ref : undefined;
  try {
    if (ours) await untag(client, ours, info.Id);
    const left = await inspectImage(client, info.Id);
    // Removing the last tag of an image nothing uses removes the image too.
    if (!left) return;
    if (left.RepoTags?.length) {
      await logToEngine(`${describe(props)}: image ${short} is kept, it is also tagged ${left.RepoTags.join(", ")}`, "warning");
      return;
    }
    await client.docker.getImage(info.Id).remove();
  } catch (err) {
    if (isNotFound(err)) return;
    if (statusOf(err) !== 409) throw new Error(`cannot remove the image of ${describe(props)} (${short}): ${engineMessage(err)}`);
    await logToEngine(
      `${describe(props)}: image ${short} was left on the engine because it is in use${ours ? ` (its tag ${ours} was removed)` : ""}: ` +
        `${engineMessage(err)}. Remove it with docker rmi once nothing uses it.`,
      "warning",
    );
  }
}
