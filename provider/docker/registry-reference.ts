// Image references as the Docker CLI reads them: which registry an image comes from, and whether the reference
// can move (a tag), cannot (a digest), or names a local image only (an image id).

type ReferenceKind = "id" | "digest" | "tag";

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

// The grammar of distribution/reference, which the engine and the CLI parse references with.
const ALPHANUMERIC = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|[-]+)";
const PATH_COMPONENT = new RegExp(`^${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*$`);
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** A repository name (registry host included) is at most 255 characters; no valid reference is near this long. */
const NAME_MAX = 255;
const REFERENCE_MAX = 1024;

/** A short, escaped quote of a value for messages. */
function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
}

/** The first component names a registry when it has a dot or a port, is localhost, or has capitals (the CLI's rule). */
function splitDomain(name: string): { domain?: string; path: string } {
  const slash = name.indexOf("/");
  if (slash < 0) return { path: name };
  const first = name.slice(0, slash);
  if (!/[.:]/.test(first) && first !== "localhost" && first === first.toLowerCase()) return { path: name };
  return { domain: first, path: name.slice(slash + 1) };
}

function grammarProblem(ref: string): string | undefined {
  if (ref.length > REFERENCE_MAX) return `it is ${ref.length} characters long; a repository name is at most ${NAME_MAX}`;
  const space = /[\s\u0000-\u001f\u007f]/.exec(ref);
  if (space) return `it contains ${space[0] === " " ? "a space" : `the character ${JSON.stringify(space[0])}`} at position ${space.index}`;
  let name = ref;
  const at = name.indexOf("@");
  if (at >= 0) {
    const digest = name.slice(at + 1);
    name = name.slice(0, at);
    if (!DIGEST.test(digest)) return `invalid digest ${quote(digest)}: expected sha256:<64 hex digits>`;
  }
  const colon = name.lastIndexOf(":");
  if (colon > name.lastIndexOf("/")) {
    const tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG.test(tag)) return `invalid tag ${quote(tag)}: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`;
  }
  if (name === "") return "the repository name is missing";
  if (name.length > NAME_MAX) return `the repository name is ${name.length} characters long, at most ${NAME_MAX}`;
  const { domain, path } = splitDomain(name);
  if (domain !== undefined && !DOMAIN.test(domain)) return `${quote(domain)} is not a registry host (host[:port])`;
  if (path !== path.toLowerCase()) return `repository names must be lowercase (${quote(path.toLowerCase())})`;
  for (const component of path.split("/")) {
    if (component === "") return `a repository path has no empty components (${quote(path)})`;
    if (!PATH_COMPONENT.test(component)) {
      return `${quote(component)} is not a repository path component: lowercase letters and digits, separated by ".", "_", "__" or "-"`;
    }
  }
  if (domain === undefined && /^[a-f0-9]{64}$/.test(path)) return "a 64-character hex repository name reads as an image id; write the id alone, or sha256:<id>";
  return undefined;
}

/**
 * Why `ref` is not an image reference the engine accepts (`[registry/]path[:tag][@digest]` by the grammar of
 * distribution/reference, or an image id), or undefined when it is one.
 */
export function referenceProblem(ref: string): string | undefined {
  if (ID.test(ref)) return undefined;
  const problem = ref === "" ? "it is empty" : grammarProblem(ref);
  if (!problem) return undefined;
  return (
    `${quote(ref)} is not an image reference: ${problem}. ` +
    `Expected e.g. "nginx:1.27", "registry.example.com:5000/team/app:v1", "app@sha256:<64 hex digits>" or an image id`
  );
}

/** `registry/path/name[:tag][@digest]`, or a full image id. */
export function parseReference(ref: string): ImageReference {
  if (ID.test(ref)) return { kind: "id", ref, name: ref, registry: "" };
  const problem = referenceProblem(ref);
  if (problem) throw new Error(problem);
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
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
