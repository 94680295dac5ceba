// Step 1 of the pipeline, observe: what the engine holds for a declaration. The container (one inspect), the image
// it should run, and the containers its values refer to; nothing here changes the engine, except that create and
// update make the image available (pull policy).
import type Docker from "dockerode";
import type { DockerClient } from "../../docker/client";
import { unlessNotFound } from "../../docker/errors";
import { findImage } from "../../docker/images";
import { containsUnknown } from "../../unknown";
import { containerIdsFor, desiredContext } from "../compare";
import type { Inputs } from "../inputs";
import { acquireImage, imageForDiff } from "../lifecycle/image-source";
import type { Context, ImageFacts } from "../options/spec";

/** The container as inspect reports it; undefined when the engine has none by this id or name. */
export async function inspectOrGone(client: DockerClient, idOrName: string): Promise<Docker.ContainerInspectInfo | undefined> {
  return unlessNotFound(client.docker.getContainer(idOrName).inspect());
}

/** For create and update: the declaration in canonical form, with its image made available on the engine. */
export async function imageContext(client: DockerClient, inputs: Inputs): Promise<Context> {
  const image = await acquireImage(client, inputs);
  return desiredContext(inputs, image, { containerIds: await containerIdsFor(client, inputs), daemon: client.daemon });
}

/**
 * For diff (preview, no pull): the container (undefined: gone), the image it would run after up (undefined: not
 * known on the engine), and the containers its values name. Looked up at once: every preview and up waits for one
 * Engine API round trip instead of three in a row.
 */
export async function observeForDiff(
  client: DockerClient,
  id: string,
  news: Inputs,
): Promise<{ info?: Docker.ContainerInspectInfo; image?: ImageFacts; containerIds: Record<string, string> }> {
  const imageRef = news.image;
  const [info, image, containerIds] = await Promise.all([
    inspectOrGone(client, id),
    typeof imageRef === "string" && !containsUnknown(imageRef) ? imageForDiff(client, news) : undefined,
    containerIdsFor(client, news),
  ]);
  return { info, image, containerIds };
}

/** The image the container runs: the desired one when it is that, else looked up (undefined: no longer on the engine). */
export async function imageOfContainer(client: DockerClient, info: Docker.ContainerInspectInfo, desired: ImageFacts): Promise<ImageFacts | undefined> {
  return info.Image === desired.id ? desired : findImage(client, info.Image);
}
