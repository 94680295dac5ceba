import { engineClient } from "../docker/client";
import { drift, inspectVolume, volumeOutputs } from "./engine";
import { AUTONAME_KEY, inputsOf, type Inputs } from "./inputs";

/**
 * Refresh: a volume removed outside Pulumi leaves the state (empty id; the next up creates it). Otherwise the
 * stored inputs take the engine's values where they differ, so the next preview shows what drifted.
 */
export async function read(id: string, props: Inputs): Promise<{ id: string; props: Inputs; inputs: Inputs }> {
  const client = await engineClient(props);
  const info = await inspectVolume(client, id);
  if (!info) return { id: "", props: {}, inputs: {} };
  const inputs = inputsOf(props);
  if (props[AUTONAME_KEY] !== undefined) delete inputs.name;
  for (const d of drift(inputs, info)) inputs[d.key] = d.actual;
  return { id: info.Name, props: volumeOutputs(inputs, info), inputs: JSON.parse(JSON.stringify(inputs)) };
}
