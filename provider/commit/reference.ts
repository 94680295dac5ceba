// Image reference rules (distribution/reference, as the engine applies them), checked before a commit so a bad
// name fails at preview instead of leaving a dangling image behind.

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** The first component names a registry when it looks like a host (a dot, a port, localhost, uppercase). */
function isDomain(first: string): boolean {
  return /[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase();
}

export function repositoryProblem(repository: string): string | undefined {
  if (repository === "") return "a repository name cannot be empty";
  if (/[@]/.test(repository)) return "a repository name takes no digest";
  const parts = repository.split("/");
  const domain = parts.length > 1 && isDomain(parts[0]) ? parts.shift()! : undefined;
  const last = parts[parts.length - 1];
  if (/:/.test(last)) return `"${repository}" contains a tag; put it in tag instead (repository "${repository.slice(0, repository.lastIndexOf(":"))}", tag "${last.split(":").pop()}")`;
  if (domain !== undefined && !DOMAIN.test(domain)) return `"${domain}" is not a valid registry host`;
  if (parts.some((p) => p !== p.toLowerCase())) return `repository names must be lowercase: "${repository.toLowerCase()}"`;
  const bad = parts.find((p) => !PATH_COMPONENT.test(p));
  if (bad !== undefined) {
    return `"${bad}" is not a valid repository path component: lowercase letters and digits, separated by ".", "_", "__" or "-"`;
  }
  if (repository.length > 255) return "a repository name is at most 255 characters";
  if (/^[a-f0-9]{64}$/.test(repository)) return "a repository name cannot be a 64-character hex string (it reads as an image id)";
  return undefined;
}

export function tagProblem(tag: string): string | undefined {
  if (!TAG.test(tag)) return `"${tag}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`;
  return undefined;
}
