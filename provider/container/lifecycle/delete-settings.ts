// How the container is deleted, and taking over an existing one.
import type { SettingSpec } from "../setting";

export const DELETE_SETTINGS: SettingSpec[] = [];
