// A network, as the scaffolding Network and Volume share sees it (provider/shared/engine-object.ts). The engine
// cannot change a network (only connect and disconnect containers), so any difference replaces it. A network with
// a fixed name goes before its replacement is created; a generated name is replaced create-before-delete, so
// containers move to the new network in place before the old one is removed.
import type Docker from "dockerode";
import type { EngineObject } from "../shared/engine-object";
import { inspectNetwork, networkNamed } from "./engine";
import { canonical, INPUT_KEYS, networkName, SETTING_KEYS, type InputKey } from "./inputs";
import { drift } from "./observed";
import { networkOutputs, type NetworkOutputs } from "./outputs";

export const NETWORK: EngineObject<InputKey, Docker.NetworkInspectInfo, NetworkOutputs> = {
  type: "Network",
  inputKeys: INPUT_KEYS,
  settingKeys: SETTING_KEYS,
  canonical,
  inspect: inspectNetwork,
  drift,
  outputs: networkOutputs,
  idOf: (info) => info.Id,
  // A network recreated under the same id cannot happen; one recreated under the same name is "removed".
  async whenGone(client, id, olds) {
    const name = networkName(olds);
    const other = name ? await networkNamed(client, name) : undefined;
    return (
      `${id.slice(0, 12)} was removed outside Pulumi: it will be created again` +
      (other ? ` (a network named "${name}" exists now, ${other.Id.slice(0, 12)}, not made by this stack: remove it, or set adopt: true to take it over)` : "")
    );
  },
};
