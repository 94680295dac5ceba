import type * as pulumi from "@pulumi/pulumi";

/** Resource limits and the restart policy, changed in place through the Engine's update endpoint. */
export interface ResourceArgs {
  /** Memory limit: bytes or `"512m"`, `"1g"` (minimum 6m). Change: in place; removing it replaces. */
  memory?: pulumi.Input<number | string>;
  /** Memory plus swap (needs `memory`; -1: unlimited). Default: twice `memory`. Change: in place. */
  memorySwap?: pulumi.Input<number | string>;
  /** Soft memory limit, not above `memory`. Change: in place; removing it replaces. */
  memoryReservation?: pulumi.Input<number | string>;
  /** CPUs, e.g. 1.5: at least 0.01, at most 9 decimal places (not with cpuPeriod/cpuQuota). Change: in place; removing it or switching to cpuQuota replaces. */
  cpus?: pulumi.Input<number>;
  /** CFS period in microseconds (1000 to 1000000). Change: in place. */
  cpuPeriod?: pulumi.Input<number>;
  /** CFS quota in microseconds (at least 1000). Change: in place; switching to cpus replaces. */
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
  restart?: pulumi.Input<string | { name: pulumi.Input<string>; maximumRetryCount?: pulumi.Input<number> }>;
}
