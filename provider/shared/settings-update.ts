// Update for the providers whose every input change replaces (Network, Volume, ContainerCommit): the host calls it
// only when the diff found nothing to redo but new settings (TLS material, adopt, timeouts). The object stays;
// the settings are stored, and come from the new inputs only (one removed from the program leaves the outputs).
import { dockerClient, type DockerClient } from "../docker/client";
import { declaredInputs } from "./changed-inputs";
import type { Inputs } from "./check-inputs";

export function settingsUpdate<Info, Outputs>(kind: {
  inputKeys: readonly string[];
  settingKeys: readonly string[];
  inspect(client: DockerClient, id: string): Promise<Info | undefined>;
  outputs(inputs: Inputs, info: Info): Outputs;
}) {
  return async (id: string, olds: Inputs, news: Inputs): Promise<{ outs: Outputs | Inputs }> => {
    const info = await kind.inspect(await dockerClient(news), id);
    const kept = Object.fromEntries(Object.entries(olds).filter(([k]) => !kind.settingKeys.includes(k)));
    const outs = { ...kept, ...declaredInputs([...kind.inputKeys, ...kind.settingKeys], news) };
    return { outs: info ? kind.outputs(outs, info) : outs };
  };
}
