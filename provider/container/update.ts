// Update: the container stays. Observe (what diff observed moments before, when it still holds: observed.ts;
// otherwise the container and its image afresh), then the in-place pipeline (reconcile/in-place.ts).
import type Docker from "dockerode";
import { dockerClient, type DockerClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import { containerError } from "./errors";
import { describe, type Inputs } from "./inputs";
import { takeObservation, type Observation } from "./observed";
import { convergeInPlace } from "./reconcile/in-place";
import { imageContext } from "./reconcile/observe";

export async function update(id: string, _olds: Inputs, news: Inputs): Promise<{ outs: Inputs }> {
  const client = await dockerClient(news);
  const container = client.docker.getContainer(id);
  const seen = takeObservation(id, client.endpoint, news) ?? (await observe(client, container, news));
  return convergeInPlace(client, container, news, seen);
}

async function observe(client: DockerClient, container: Docker.Container, news: Inputs): Promise<Observation> {
  let info;
  try {
    info = await container.inspect();
  } catch (err) {
    const hint = isNotFound(err) ? "It was removed outside Pulumi: run `pulumi refresh`, then `pulumi up`" : undefined;
    throw containerError(`cannot update ${describe(news, container.id)}`, err, hint);
  }
  // After the inspect, not beside it: acquiring may pull, which is no use for a container that is gone.
  return { info, ctx: await imageContext(client, news) };
}
