// Which Docker engine the container lives on: local socket, tcp with TLS, or ssh.
import type { SettingSpec } from "../setting";

export const ENGINE_SETTINGS: SettingSpec[] = [];
