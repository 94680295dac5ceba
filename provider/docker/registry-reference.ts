// Image references as the Docker CLI reads them: which registry an image comes from, and whether the reference
// can move (a tag), cannot (a digest), or names a local image only (an image id).

export type ReferenceKind = "id" | "digest" | "tag";

export interface ImageReference {
  kind: ReferenceKind;
  /** The reference as declared. */
  ref: string;
  /** Repository as the engine's pull endpoint takes it (`fromImage`): registry host included when declared. */
  name: string;
  /** Registry host the credentials belong to (`docker.io` for Docker Hub). */
  registry: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = "docker.io";

const ID = /^(sha256:)?[a-f0-9]{64}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** `registry/path/name[:tag][@digest]`, or a full image id. */
export function parseReference(ref: string): ImageReference {
  if (ID.test(ref)) return { kind: "id", ref, name: ref, registry: "" };
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`"${ref}" has an invalid digest "${digest}": expected sha256:<64 hex digits>`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split("/")[0];
  // The CLI's rule: the first component is a registry when it has a dot or a port, or is localhost.
  const hasRegistry = rest.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : DOCKER_HUB;
  if (digest) return { kind: "digest", ref, name: rest, registry, tag, digest };
  return { kind: "tag", ref, name: rest, registry, tag: tag ?? "latest" };
}

/**
 * The registry host of a server address as people write it in config.json and `docker login`:
 * `https://index.docker.io/v1/`, `http://127.0.0.1:5000`, `registry.example.com/v2/`, `docker.io`.
 */
export function registryHost(address: string): string {
  const host = address.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "").toLowerCase();
  return ["index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com"].includes(host) ? DOCKER_HUB : host;
}

/** What the pull endpoint takes: `fromImage` and `tag` (a tag or a digest). */
export function pullQuery(image: ImageReference): { fromImage: string; tag: string } {
  return { fromImage: image.name, tag: image.digest ?? image.tag ?? "latest" };
}
