// Where the image comes from: pull policy and registry credentials.
import type { SettingSpec } from "../setting";

export const IMAGE_SETTINGS: SettingSpec[] = [];
