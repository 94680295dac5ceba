// The option table: one entry per container option, in the order they are reported. check, diff, create and read
// are all driven from here; each area's file is the only code that knows its options.
import type { OptionSpec } from "./spec";
import { command, entrypoint } from "./command";
import { env, labels } from "./environment";
import { image, name } from "./identity";
import { ports } from "./ports";
import { state } from "./run-state";
import { CGROUP_OPTIONS } from "./cgroup";
import { healthcheck } from "./healthcheck";
import { logDriver, logOptions } from "./logging";
import { NETWORK_OPTIONS } from "./networking";
import { platform } from "./platform";
import { PROCESS_OPTIONS } from "./process";
import { RESOURCE_OPTIONS } from "./resources";
import { SECURITY_OPTIONS } from "./security";
import { STORAGE_OPTIONS } from "./storage";

/** Every option, in the order they are reported. */
export const OPTIONS: OptionSpec<any>[] = [
  image,
  name,
  // entrypoint before command: what an empty command means depends on the entrypoint.
  entrypoint,
  command,
  env,
  labels,
  ...PROCESS_OPTIONS,
  ports,
  ...NETWORK_OPTIONS,
  ...RESOURCE_OPTIONS,
  ...CGROUP_OPTIONS,
  ...SECURITY_OPTIONS,
  ...STORAGE_OPTIONS,
  healthcheck,
  logDriver,
  logOptions,
  platform,
  state,
];
