// The user networks a container is declared on, looked up on the engine. The engine creates a container whose
// network does not exist and fails only when it starts ("network x not found"): create looks them up first, so
// nothing is created, and a preview warns when a network it can name is missing.
import type { DockerClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import { containsUnknown } from "../unknown";
import type { Inputs } from "./inputs";

/** Networks the engine provides itself (always there) and the modes that name no network. */
const BUILTIN = new Set(["bridge", "default", "host", "none"]);

interface DeclaredNetwork {
  name: string;
  /** The input that names it, as the user wrote it. */
  property: "networks" | "networkMode";
}

/** User networks the inputs name, where the name is known (not an output still to come). */
export function declaredNetworks(inputs: Inputs): DeclaredNetwork[] {
  const out: DeclaredNetwork[] = [];
  const add = (name: unknown, property: DeclaredNetwork["property"]) => {
    if (typeof name === "string" && name !== "" && !containsUnknown(name) && !BUILTIN.has(name) && !out.some((n) => n.name === name)) {
      out.push({ name, property });
    }
  };
  if (Array.isArray(inputs.networks)) {
    for (const entry of inputs.networks) add(typeof entry === "string" ? entry : (entry as { name?: unknown } | null)?.name, "networks");
  }
  const mode = inputs.networkMode;
  if (typeof mode === "string" && !mode.startsWith("container:")) add(mode, "networkMode");
  return out;
}

/** The ones of `networks` the engine does not have (looked up at once). */
export async function missingNetworks(client: DockerClient, networks: DeclaredNetwork[]): Promise<DeclaredNetwork[]> {
  const found = await Promise.all(
    networks.map(async (n) => {
      try {
        await client.docker.getNetwork(n.name).inspect();
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    }),
  );
  return networks.filter((_, i) => !found[i]);
}

/** "networks: network "x" does not exist on the engine", one clause per property. */
export function describeMissing(missing: DeclaredNetwork[]): string {
  const byProperty = new Map<string, string[]>();
  for (const n of missing) byProperty.set(n.property, [...(byProperty.get(n.property) ?? []), `"${n.name}"`]);
  return [...byProperty]
    .map(([property, names]) => `${property}: ${names.length > 1 ? `networks ${names.join(", ")} do` : `network ${names[0]} does`} not exist on the engine`)
    .join("; ");
}

/** Fails, before anything is created, when a declared network is missing. */
export async function requireNetworks(client: DockerClient, inputs: Inputs, what: string): Promise<void> {
  const missing = await missingNetworks(client, declaredNetworks(inputs));
  if (!missing.length) return;
  throw new Error(`cannot create ${what}: ${describeMissing(missing)}. Nothing was created: create the network first, or fix its name`);
}
