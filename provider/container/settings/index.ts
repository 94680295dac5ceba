// Every setting, in the order they are reported.
import type { SettingSpec } from "../options/spec";
import { DELETE_SETTINGS } from "./delete";
import { ENGINE_SETTINGS } from "./engine";
import { FILE_SETTINGS } from "./files";
import { IMAGE_SETTINGS } from "./image";
import { READINESS_SETTINGS } from "./readiness";
import { REPLACE_SETTINGS } from "./replace";

export const SETTINGS: SettingSpec[] = [...ENGINE_SETTINGS, ...IMAGE_SETTINGS, ...FILE_SETTINGS, ...READINESS_SETTINGS, ...REPLACE_SETTINGS, ...DELETE_SETTINGS];
