// Refresh (read) for Network and Volume: an object removed outside Pulumi leaves the state (empty id; the next up
// creates it). Otherwise the stored inputs take the engine's values where they differ, so the next preview shows
// what drifted.
import { dockerClient } from "../docker/client";
import { declaredInputs } from "./changed-inputs";
import type { Inputs } from "./check-inputs";
import type { EngineObject } from "./engine-object";
import { AUTONAME_KEY } from "./named";

export async function refresh<K extends string, Info, Outputs>(
  kind: EngineObject<K, Info, Outputs>,
  id: string,
  props: Inputs,
): Promise<{ id: string; props: Outputs | Inputs; inputs: Inputs }> {
  const client = await dockerClient(props);
  const info = await kind.inspect(client, id);
  if (!info) return { id: "", props: {}, inputs: {} };
  const inputs = declaredInputs([...kind.inputKeys, ...kind.settingKeys], props);
  // Outputs carry the name the engine reports; the inputs keep only what was declared.
  if (props[AUTONAME_KEY] !== undefined) delete inputs.name;
  for (const d of kind.drift(inputs, info)) inputs[d.key] = d.actual;
  return { id: kind.idOf(info), props: kind.outputs(inputs, info), inputs: JSON.parse(JSON.stringify(inputs)) };
}
