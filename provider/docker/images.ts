import type { ImageFacts } from "../container/option";
import type { EngineClient } from "./client";
import { isNotFound } from "./errors";

/** The image's id and the defaults a container inherits from it; undefined when the engine does not have it. */
export async function findImage(client: EngineClient, ref: string): Promise<ImageFacts | undefined> {
  try {
    const info = await client.docker.getImage(ref).inspect();
    const platform = info as typeof info & { Variant?: string };
    return {
      id: info.Id,
      config: (info.Config ?? {}) as ImageFacts["config"],
      os: info.Os,
      architecture: info.Architecture,
      variant: platform.Variant,
    };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
