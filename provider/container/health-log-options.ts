// Healthcheck, logging and platform.
import type { OptionSpec } from "./option";

export const HEALTH_LOG_OPTIONS: OptionSpec<any>[] = [];
