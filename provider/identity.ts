// Which resource of which stack an object on the engine belongs to, readable from the engine alone.
//
// Every container (and committed image) dockwright makes carries two labels, both decided before the create
// request is sent:
// - `dockwright.identity`: the resource's identity, `<project>/<stack>/<kind>/<resource name>`. It is the same
//   for every container the resource ever had (replacements included), so it finds what a resource left on the
//   engine without the engine's answer and without Pulumi's state: a container created by a run that was killed,
//   or whose answer was lost; and, for a replacement, the container being replaced.
// - `dockwright.attempt`: random, one per create request, so the object that one request made can be told apart
//   from other objects of the same resource (the container a create-before-delete replacement is replacing).
//
// The SDK computes the identity (it knows the project, the stack and the resource name; the provider does not)
// and passes it as the hidden input `__identity`. Two stacks with the same project and stack names on one engine
// would share identities: Pulumi names a stack by project and stack, and so does dockwright.
import { randomBytes } from "crypto";

export const IDENTITY_LABEL = "dockwright.identity";
export const ATTEMPT_LABEL = "dockwright.attempt";
/** The hidden input that carries the identity from the SDK to the provider. */
export const IDENTITY_KEY = "__identity";

type ResourceKind = "Container" | "ContainerCommit";

interface IdentityParts {
  project: string;
  stack: string;
  kind: ResourceKind;
  /** The resource name given in the program (unique per kind in a stack, as Pulumi requires of a resource's URN). */
  name: string;
}

/** `<project>/<stack>/<kind>/<name>`: the value of the identity label. */
export function identityOf(parts: IdentityParts): string {
  return `${parts.project}/${parts.stack}/${parts.kind}/${parts.name}`;
}

/** The identity the inputs (or stored outputs) carry; undefined for state written before identities existed. */
export function identityIn(inputs: Record<string, unknown>): string | undefined {
  const value = inputs[IDENTITY_KEY];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A fresh value for the attempt label. */
export function newAttempt(): string {
  return randomBytes(8).toString("hex");
}

/** The labels one create request puts on its object. */
export function identityLabels(identity: string | undefined, attempt: string): Record<string, string> {
  return identity === undefined ? { [ATTEMPT_LABEL]: attempt } : { [IDENTITY_LABEL]: identity, [ATTEMPT_LABEL]: attempt };
}

/** The `filters` query of a container or image list that finds objects by identity (and attempt). */
export function labelFilter(label: { identity?: string; attempt?: string }): string {
  const labels: string[] = [];
  if (label.identity !== undefined) labels.push(`${IDENTITY_LABEL}=${label.identity}`);
  if (label.attempt !== undefined) labels.push(`${ATTEMPT_LABEL}=${label.attempt}`);
  return JSON.stringify({ label: labels });
}

/** Labels without dockwright's own: they are bookkeeping, not part of any declaration. */
export function withoutIdentityLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => k !== IDENTITY_LABEL && k !== ATTEMPT_LABEL));
}

// The ids of the objects each identity's stack knows, as diff and read saw them in this provider process. Pulumi
// calls diff (with the id it holds) before it replaces a resource, so when create then finds objects with this
// identity, the ones listed here are the stack's own (the one being replaced) and any other is a leftover.
const known = new Map<string, Set<string>>();

export function rememberKnown(identity: string | undefined, id: string): void {
  if (identity === undefined || !id) return;
  let ids = known.get(identity);
  if (!ids) known.set(identity, (ids = new Set()));
  ids.add(id);
}

export function isKnown(identity: string, id: string): boolean {
  const ids = known.get(identity);
  return !!ids && [...ids].some((k) => k === id || id.startsWith(k) || k.startsWith(id));
}
