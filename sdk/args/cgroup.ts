import type * as pulumi from "@pulumi/pulumi";
import type { SizeInput } from "./resources";

/** A device and its relative block I/O weight. */
export interface DeviceWeightArg {
  /** Block device on the engine's host, e.g. `/dev/sda`. */
  path: pulumi.Input<string>;
  /** 10 to 1000. */
  weight: pulumi.Input<number>;
}

/** A device and a throttle: bytes per second (`"1mb"` or a number) or operations per second. */
export interface DeviceRateArg {
  /** Block device on the engine's host, e.g. `/dev/sda`. */
  path: pulumi.Input<string>;
  /** More than 0. For the byte throttles a size such as `"1mb"` or bytes; for the IOPS throttles a whole number. */
  rate: pulumi.Input<SizeInput>;
}

/** A process resource limit (setrlimit); -1 is unlimited. */
export interface UlimitArg {
  /** `nofile`, `nproc`, `core`, `memlock`, `stack`, ... (any case). */
  name: pulumi.Input<string>;
  /** The limit the process gets (it may raise it up to `hard`); -1 is unlimited. */
  soft: pulumi.Input<number>;
  /** Default: the soft limit. Not below it. */
  hard?: pulumi.Input<number>;
}

/**
 * Kernel and cgroup settings fixed at create: the Engine's update endpoint ignores or discards them, so a change
 * (including removing a declared value) replaces the container. A value the engine accepts but does not keep on its
 * kernel (block I/O weights without the weight controller) fails create, naming the option; nothing is left behind.
 */
export interface CgroupArgs {
  /** How eagerly the kernel swaps the container's memory, 0 to 100. Default: the kernel's. Change: replace. */
  memorySwappiness?: pulumi.Input<number>;
  /** Real-time scheduler period in microseconds. Default: the kernel's (1000000). Change: replace. */
  cpuRtPeriod?: pulumi.Input<number>;
  /**
   * Real-time scheduler runtime per period, in microseconds, not above `cpuRtPeriod` (default period 1000000).
   * The engine's own cgroup must have real-time time to give (dockerd `--cpu-rt-runtime`): otherwise the container is
   * created but fails to start. Change: replace.
   */
  cpuRtRuntime?: pulumi.Input<number>;
  /** Relative block I/O weight, 10 to 1000 (needs the kernel's blkio weight controller). Change: replace. */
  blkioWeight?: pulumi.Input<number>;
  /** Per-device block I/O weights: `"/dev/sda:200"`, a list of those, or `[{path, weight}]`. Change: replace. */
  blkioWeightDevice?: pulumi.Input<string | pulumi.Input<string | DeviceWeightArg>[]>;
  /** Read throttle in bytes per second: `"/dev/sda:1mb"`, a list of those, or `[{path, rate}]`. Change: replace. */
  deviceReadBps?: pulumi.Input<string | pulumi.Input<string | DeviceRateArg>[]>;
  /** Write throttle in bytes per second: `"/dev/sda:1mb"`, a list of those, or `[{path, rate}]`. Change: replace. */
  deviceWriteBps?: pulumi.Input<string | pulumi.Input<string | DeviceRateArg>[]>;
  /** Read throttle in operations per second: `"/dev/sda:1000"`, a list of those, or `[{path, rate}]`. Change: replace. */
  deviceReadIops?: pulumi.Input<string | pulumi.Input<string | DeviceRateArg>[]>;
  /** Write throttle in operations per second: `"/dev/sda:1000"`, a list of those, or `[{path, rate}]`. Change: replace. */
  deviceWriteIops?: pulumi.Input<string | pulumi.Input<string | DeviceRateArg>[]>;
  /** Keep the kernel's OOM killer away from the container (set `memory` too). Default false. Change: replace. */
  oomKillDisable?: pulumi.Input<boolean>;
  /**
   * OOM killer preference, -1000 to 1000 (default 0). A negative value needs an engine with CAP_SYS_RESOURCE,
   * otherwise the container fails to start. Change: replace.
   */
  oomScoreAdj?: pulumi.Input<number>;
  /** Size of /dev/shm: bytes or `"128m"`. Default: the daemon's (64m, or its `default-shm-size`), not compared when undeclared. Change: replace. */
  shmSize?: pulumi.Input<SizeInput>;
  /**
   * Process limits: `["nofile=1024:2048", "nproc=512"]` (`name=soft[:hard]`, -1 unlimited) or `[{name, soft, hard}]`.
   * Names are case-insensitive; each at most once. Default: the engine's. Change: replace.
   */
  ulimits?: pulumi.Input<pulumi.Input<string | UlimitArg>[]>;
  /**
   * Namespaced kernel parameters: `{"net.core.somaxconn": "1024"}` or `["net.core.somaxconn=1024"]`. Allowed: net.*
   * (not with networkMode "host"), the IPC ones kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.* (not with ipcMode
   * "host") and kernel.domainname (not with utsMode "host"). Change: replace.
   */
  sysctls?: pulumi.Input<Record<string, pulumi.Input<string | number>> | pulumi.Input<string>[]>;
  /** Parent cgroup: a path such as `"/batch"` (cgroupfs driver) or a slice `"batch.slice"` (systemd driver). Change: replace. */
  cgroupParent?: pulumi.Input<string>;
  /**
   * Kernel memory limit, at least `"6m"`. Change: replace.
   * @deprecated The Docker Engine deprecated kernel memory limits (ignored with cgroup v2 and by recent kernels):
   * use `memory` instead. Still accepted, with a warning in the preview.
   */
  kernelMemory?: pulumi.Input<SizeInput>;
}
