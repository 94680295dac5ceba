import type { ImageFacts } from "../container/options/spec";
import type { DockerClient } from "./client";
import { unlessNotFound } from "./errors";

export interface LocalImage {
  facts: ImageFacts;
  /** `repo@sha256:...` for every registry manifest the engine knows this image by (pulled or pushed). */
  repoDigests: string[];
}

/** The engine's image for `ref` (a reference or an id) with its registry digests; undefined when it does not have it. */
export async function inspectLocal(client: DockerClient, ref: string): Promise<LocalImage | undefined> {
  const info = await unlessNotFound(client.docker.getImage(ref).inspect());
  if (!info) return undefined;
  const platform = info as typeof info & { Variant?: string };
  return {
    facts: {
      id: info.Id,
      config: (info.Config ?? {}) as ImageFacts["config"],
      os: info.Os,
      architecture: info.Architecture,
      variant: platform.Variant,
    },
    repoDigests: info.RepoDigests ?? [],
  };
}

/** The image's id and the defaults a container inherits from it; undefined when the engine does not have it. */
export async function findImage(client: DockerClient, ref: string): Promise<ImageFacts | undefined> {
  return (await inspectLocal(client, ref))?.facts;
}
