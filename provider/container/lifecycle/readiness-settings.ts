// Readiness and jobs: waiting for healthy after every start, and run-to-completion containers.
import type { SettingSpec } from "../setting";

export const READINESS_SETTINGS: SettingSpec[] = [];
