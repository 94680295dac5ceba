// Files written into the container after create and before the first start.
import type { SettingSpec } from "../setting";

export const FILE_SETTINGS: SettingSpec[] = [];
