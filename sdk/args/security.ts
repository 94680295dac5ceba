import type * as pulumi from "@pulumi/pulumi";

/** A host device: `"/dev/fuse"`, `"/dev/fuse:rw"`, `"/dev/fuse:/dev/fuse"`, `"/dev/fuse:/dev/fuse:rwm"`, or an object. */
export type DeviceInput =
  | string
  | {
      /** Absolute path of the device on the engine's host. */
      pathOnHost: pulumi.Input<string>;
      /** Absolute path inside the container; default: the same as pathOnHost. */
      pathInContainer?: pulumi.Input<string>;
      /** Some of `r` (read), `w` (write), `m` (mknod), in any order; default "rwm". */
      cgroupPermissions?: pulumi.Input<string>;
    };

/** A GPU request: `"all"`, a count, a `--gpus` string such as `"device=0,2"` or `"count=2,driver=nvidia"`, or an object. */
export type GpuInput =
  | string
  | number
  | {
      /** How many GPUs, or "all" (the default when deviceIds is not given either). Not together with deviceIds. */
      count?: pulumi.Input<number | "all">;
      /** Which GPUs, by index or UUID. Not together with count. */
      deviceIds?: pulumi.Input<pulumi.Input<string>[]>;
      /** Driver capabilities such as "utility" or "compute"; "gpu" is always included. */
      capabilities?: pulumi.Input<pulumi.Input<string>[]>;
      /** Device driver, e.g. "nvidia"; default: whichever driver offers the capabilities. */
      driver?: pulumi.Input<string>;
    };

/** Namespace of the host or of another container (`"container:<name|id>"`), or the container's own (`"private"`). */
export type JoinableMode = "private" | "host" | `container:${string}`;

/** Privileges, capabilities, namespaces and devices. The engine fixes all of them at create: a change replaces. */
export interface SecurityArgs {
  /** Give the container every device and capability (default false). Change: replace. */
  privileged?: pulumi.Input<boolean>;
  /** Mount the root filesystem read-only (default false). Change: replace. */
  readOnly?: pulumi.Input<boolean>;
  /** Capabilities to add: `NET_ADMIN`, `net_admin` or `CAP_NET_ADMIN`, or `ALL`; order does not matter. Change: replace. */
  capAdd?: pulumi.Input<pulumi.Input<string>[]>;
  /** Capabilities to drop, in the same forms as capAdd. Change: replace. */
  capDrop?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Security options, as `docker run --security-opt` takes them; order does not matter, `:` works as `=`:
   * - `"no-new-privileges"` (also `"no-new-privileges:true"`, `"=true"`; `"no-new-privileges=false"`)
   * - `"seccomp=unconfined"`, `"seccomp=<JSON profile>"`, or `"seccomp=<path to a JSON profile>"`: a path is read on
   *   the machine running Pulumi (relative to its working directory) and its content sent, as the CLI does; the
   *   content is what is compared, so editing the file replaces the container
   * - `"apparmor=<profile>"`, `"label=disable"`, `"label=user:<u>"` (also role, type, level, filetype), `"label=nested"`
   * - `"systempaths=unconfined"`: no masked or read-only paths under /proc and /sys
   *
   * Default: none (the engine's default seccomp profile). The `label=disable` the engine adds to privileged, pid=host
   * and ipc=host containers is not a difference. Change: replace.
   */
  securityOpt?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * User namespace: `"host"` turns off the daemon's user-namespace remapping for this container (only meaningful
   * when the daemon remaps); `"private"` is the default. Change: replace.
   */
  userns?: pulumi.Input<"private" | "host">;
  /**
   * PID namespace: `"private"` (default), `"host"`, or `"container:<name|id>"` (the container must exist; it is
   * compared by id, so a new container under that name is a change). Change: replace.
   */
  pidMode?: pulumi.Input<JoinableMode>;
  /**
   * IPC namespace: `"private"`, `"shareable"` (others may join it), `"host"`, `"none"` (no /dev/shm), or
   * `"container:<name|id>"` (that container must be `"shareable"`, else the start fails). Default: the daemon's
   * (private or shareable; undeclared, either is no difference). Change: replace.
   */
  ipcMode?: pulumi.Input<JoinableMode | "shareable" | "none">;
  /**
   * UTS namespace (host and domain name): `"private"` (default) or `"host"` (then hostname and domainname cannot be
   * set). The engine ignores `container:<x>` here, so it is refused. Change: replace.
   */
  utsMode?: pulumi.Input<"private" | "host">;
  /**
   * Cgroup namespace: `"private"` or `"host"`. Default: the daemon's ("host" on cgroup v1, "private" on cgroup v2);
   * undeclared, it is not compared. Change: replace.
   */
  cgroupnsMode?: pulumi.Input<"private" | "host">;
  /**
   * OCI runtime by its daemon name, e.g. `"runc"`. Default: the daemon's default runtime; undeclared, it is not
   * compared. An unknown name fails the create with the engine's "Unknown runtime specified". Change: replace.
   */
  runtime?: pulumi.Input<string>;
  /**
   * Isolation technology: `"default"`; `"process"` and `"hyperv"` exist on Windows engines only (a Linux engine
   * refuses them at create). Change: replace.
   */
  isolation?: pulumi.Input<"default" | "process" | "hyperv">;
  /**
   * Host devices to add; order does not matter. The engine checks them only at start (a missing device fails the
   * start). Default: none. Change: replace.
   */
  devices?: pulumi.Input<pulumi.Input<DeviceInput>[]>;
  /**
   * Device cgroup rules: `"type major:minor permissions"`, type a, b or c, numbers or `*`, permissions some of r, w,
   * m (e.g. `"c 1:3 mr"`); order does not matter. Default: none. Change: replace.
   */
  deviceCgroupRules?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * GPUs to give the container (needs a GPU and its container toolkit on the engine's host: without a driver the
   * start fails with "could not select device driver"). Default: none. Change: replace.
   */
  gpus?: pulumi.Input<GpuInput>;
}
