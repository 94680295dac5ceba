// Every setting, in the order they are reported.
import type { SettingSpec } from "../setting";
import { DELETE_SETTINGS } from "./delete-settings";
import { ENGINE_SETTINGS } from "./engine-settings";
import { FILE_SETTINGS } from "./files-settings";
import { IMAGE_SETTINGS } from "./image-settings";
import { READINESS_SETTINGS } from "./readiness-settings";
import { REPLACE_SETTINGS } from "./replace-settings";

export const SETTINGS: SettingSpec[] = [...ENGINE_SETTINGS, ...IMAGE_SETTINGS, ...FILE_SETTINGS, ...READINESS_SETTINGS, ...REPLACE_SETTINGS, ...DELETE_SETTINGS];
