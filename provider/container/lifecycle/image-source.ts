// Where a container's image comes from. Up may fetch it (pull policy); preview never changes the engine.
import type { EngineClient } from "../../docker/client";
import { findImage } from "../../docker/images";
import { describe, type Inputs } from "../inputs";
import type { ImageFacts } from "../option";

/** For create and update: the image, made available on the engine if the settings allow it. */
export async function acquireImage(client: EngineClient, inputs: Inputs): Promise<ImageFacts> {
  const ref = String(inputs.image);
  const image = await findImage(client, ref);
  if (!image) {
    throw new Error(
      `${describe(inputs)}: image "${ref}" is not on the Docker engine at ${client.endpoint}. ` +
        `Pull or build it first (docker pull ${ref}), or check the reference for typos.`,
    );
  }
  return image;
}

/**
 * For diff (preview): the image the container would run after up, without pulling. Undefined when that cannot
 * be known on the engine: then the container is replaced.
 */
export async function imageForDiff(client: EngineClient, inputs: Inputs): Promise<ImageFacts | undefined> {
  return findImage(client, String(inputs.image));
}
