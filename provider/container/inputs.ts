// The keys the SDK and check add to a container's inputs besides the options themselves.
export const RESOURCE_NAME_KEY = "__resourceName";
export const AUTONAMED_KEY = "__autonamed";
export const PROVIDER_KEY = "__provider";

export type Inputs = Record<string, unknown>;

/** A short label for messages: the container name when known. */
export function describe(inputs: Inputs, id?: string): string {
  const name = typeof inputs.name === "string" ? inputs.name : undefined;
  if (name) return `container "${name}"`;
  return id ? `container ${id.slice(0, 12)}` : "container";
}
