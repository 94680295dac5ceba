import { engineClient } from "../docker/client";
import { inspectNetwork } from "./engine";
import { AUTONAME_KEY, inputsOf, type Inputs } from "./inputs";
import { drift } from "./observed";
import { networkOutputs } from "./outputs";

/**
 * Refresh: a network removed outside Pulumi leaves the state (empty id; the next up creates it). Otherwise the
 * stored inputs take the engine's values where they differ, so the next preview shows what drifted.
 */
export async function read(id: string, props: Inputs): Promise<{ id: string; props: Inputs; inputs: Inputs }> {
  const client = await engineClient(props);
  const info = await inspectNetwork(client, id);
  if (!info) return { id: "", props: {}, inputs: {} };
  const inputs = inputsOf(props);
  // Outputs carry the name and driver the engine reports; the inputs keep only what was declared.
  if (props[AUTONAME_KEY] !== undefined) delete inputs.name;
  for (const d of drift(inputs, info)) inputs[d.key] = d.actual;
  const fresh = networkOutputs(inputs, info);
  return { id: info.Id, props: fresh, inputs: JSON.parse(JSON.stringify(inputs)) };
}
