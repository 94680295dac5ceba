// The keys the SDK and check add to a container's inputs besides the options themselves.
export const RESOURCE_NAME_KEY = "__resourceName";
/** The generated name of a container whose program gives none (kept between runs, never compared). */
export const AUTONAME_KEY = "__autoname";
export const PROVIDER_KEY = "__provider";

export type Inputs = Record<string, unknown>;

/** A short label for messages: the container name when known. */
export function describe(inputs: Inputs, id?: string): string {
  const name = [inputs.name, inputs[AUTONAME_KEY]].find((n): n is string => typeof n === "string");
  if (name) return `container "${name}"`;
  return id ? `container ${id.slice(0, 12)}` : "container";
}
