// The engine calls a commit needs that dockerode does not offer in the right shape.
import type Docker from "dockerode";
import type { DockerClient } from "../docker/client";
import { unlessNotFound } from "../docker/errors";

interface CommitQuery {
  container: string;
  repo?: string;
  tag?: string;
  comment?: string;
  author?: string;
  changes: string[];
  pause: boolean;
}

/**
 * `POST /commit` with the parameters in the query and only the config in the body (dockerode's `commit` would
 * send the parameters as the body too, where the engine merges them into the new image's config).
 */
export function postCommit(client: DockerClient, query: CommitQuery, config: Record<string, unknown>): Promise<string> {
  const _query = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""));
  return new Promise((resolve, reject) =>
    client.docker.modem.dial(
      {
        path: "/commit?",
        method: "POST",
        options: { _query, _body: config },
        statusCodes: { 200: true, 201: true, 400: "bad parameter", 404: "no such container", 409: "conflict", 500: "server error" },
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve((data as { Id: string }).Id)),
    ),
  );
}

export async function inspectImage(client: DockerClient, ref: string): Promise<Docker.ImageInspectInfo | undefined> {
  return unlessNotFound(client.docker.getImage(ref).inspect());
}

export async function danglingImages(client: DockerClient): Promise<Set<string>> {
  const images = await client.docker.listImages({ filters: JSON.stringify({ dangling: ["true"] }) });
  return new Set(images.map((i) => i.Id));
}

/**
 * A failed commit can still have written an image (an invalid repository is refused only after the image is
 * stored): remove the untagged images of this container that appeared since `before`.
 */
export async function removeLeftovers(client: DockerClient, containerId: string, before: Set<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const id of await danglingImages(client)) {
    if (before.has(id)) continue;
    const info = await inspectImage(client, id);
    if (info?.Container !== containerId) continue;
    await client.docker.getImage(id).remove().then(() => removed.push(id), () => undefined);
  }
  return removed;
}
