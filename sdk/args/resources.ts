import type * as pulumi from "@pulumi/pulumi";

type SizeLetter = "k" | "m" | "g" | "t";
/** A unit as the Docker CLI reads sizes (units of 1024): `b`, `k`, `m`, `g`, `t`, optionally followed by `b`, any case. */
export type SizeUnit = "" | "b" | "B" | SizeLetter | Uppercase<SizeLetter> | `${SizeLetter | Uppercase<SizeLetter>}${"b" | "B"}`;

/**
 * A size: a number of bytes, or a number with a unit, e.g. `"512m"`, `"1.5g"`, `"64k"`, `"1024b"`, `"2GB"` (units
 * of 1024, as the Docker CLI reads them). A string from config is a plain `string`: write `value as SizeInput` (it
 * is checked at preview).
 */
export type SizeInput = number | `${number}${SizeUnit}`;

/** A restart policy's name. */
export type RestartPolicyName = "no" | "always" | "unless-stopped" | "on-failure";

/**
 * A restart policy: `"no"` (default), `"always"`, `"unless-stopped"`, `"on-failure"`, `"on-failure:<retries>"`
 * (e.g. `"on-failure:3"`), or `{name, maximumRetryCount}` (a retry count only with `"on-failure"`).
 */
export type RestartInput =
  | RestartPolicyName
  | `on-failure:${number}`
  | {
      /** The policy. */
      name: pulumi.Input<RestartPolicyName>;
      /** With `"on-failure"`: how often the engine restarts the container before giving up (0: no limit). */
      maximumRetryCount?: pulumi.Input<number>;
    };

/** Resource limits and the restart policy, changed in place through the Engine's update endpoint. */
export interface ResourceArgs {
  /** Memory limit: bytes or `"512m"`, `"1g"` (minimum 6m). Change: in place; removing it replaces. */
  memory?: pulumi.Input<SizeInput>;
  /** Memory plus swap (needs `memory`; -1: unlimited). Default: twice `memory`. Change: in place. */
  memorySwap?: pulumi.Input<SizeInput | -1>;
  /** Soft memory limit, not above `memory`. Change: in place; removing it replaces. */
  memoryReservation?: pulumi.Input<SizeInput>;
  /** CPUs, e.g. 1.5: at least 0.01, at most 9 decimal places (not with cpuPeriod/cpuQuota). Change: in place; removing it or switching to `cpuQuota` replaces. */
  cpus?: pulumi.Input<number>;
  /** CFS period in microseconds (1000 to 1000000). Change: in place; removing it or switching to `cpus` replaces. */
  cpuPeriod?: pulumi.Input<number>;
  /** CFS quota in microseconds (at least 1000). Change: in place; removing it or switching to `cpus` replaces. */
  cpuQuota?: pulumi.Input<number>;
  /** Relative CPU weight, 2 to 262144 (engine default 1024). Change: in place; removing it replaces. */
  cpuShares?: pulumi.Input<number>;
  /** CPUs the container may run on: `"0"`, `"0-2"`, `"0,3"`. Change: in place; removing it replaces. */
  cpusetCpus?: pulumi.Input<string>;
  /** Memory nodes the container may use (NUMA): `"0"`, `"0-1"`. Change: in place; removing it replaces. */
  cpusetMems?: pulumi.Input<string>;
  /** Maximum number of processes. Change: in place; removing it replaces. */
  pidsLimit?: pulumi.Input<number>;
  /** `"no"` (default), `"always"`, `"unless-stopped"`, `"on-failure[:retries]"` or `{name, maximumRetryCount}`. Change: in place. */
  restart?: pulumi.Input<RestartInput>;
}
