// Healthcheck, logging and platform.
import { healthcheck } from "./health-options";
import { logDriver, logOptions } from "./log-options";
import type { OptionSpec } from "./option";
import { platform } from "./platform-options";

export const HEALTH_LOG_OPTIONS: OptionSpec<any>[] = [healthcheck, logDriver, logOptions, platform];
