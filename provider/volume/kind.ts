// A volume, as the scaffolding Network and Volume share sees it (provider/shared/engine-object.ts). The engine
// cannot change a volume, so any difference replaces it, and its data (see retainOnDelete). CreatedAt is not
// compared: the local driver reports its folder's modification time, which mounts change.
import type { EngineObject } from "../shared/engine-object";
import { drift, inspectVolume, volumeOutputs, type VolumeInfo, type VolumeOutputs } from "./engine";
import { canonical, INPUT_KEYS, SETTING_KEYS, type InputKey } from "./inputs";

export const VOLUME: EngineObject<InputKey, VolumeInfo, VolumeOutputs> = {
  type: "Volume",
  inputKeys: INPUT_KEYS,
  settingKeys: SETTING_KEYS,
  canonical,
  inspect: inspectVolume,
  drift,
  outputs: volumeOutputs,
  // A volume's name is its id.
  idOf: (info) => info.Name,
  whenGone: async () => `it was removed outside Pulumi: it will be created again (empty)`,
};
