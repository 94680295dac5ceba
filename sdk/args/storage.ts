import type * as pulumi from "@pulumi/pulumi";
import type { SizeInput } from "./resources";

/** One `volumes` entry as an object. */
export interface VolumeInput {
  /** Absolute host path (bind), volume name, or omitted for an anonymous volume. */
  source?: pulumi.Input<string>;
  /** Absolute path inside the container. */
  target: pulumi.Input<string>;
  /** Mount read-only (default false). */
  readOnly?: pulumi.Input<boolean>;
  /** Bind propagation (host paths only): `rprivate` (default), `private`, `rshared`, `shared`, `rslave`, `slave`. */
  propagation?: pulumi.Input<"rprivate" | "private" | "rshared" | "shared" | "rslave" | "slave">;
  /** SELinux relabeling: `z` shared between containers, `Z` private to this one. */
  selinuxLabel?: pulumi.Input<"z" | "Z">;
  /** Named volumes only: do not copy the image's content at the target into a new volume. */
  noCopy?: pulumi.Input<boolean>;
}

/** One `mounts` entry (the Engine's Mount, in camelCase). */
export interface MountInput {
  /** `"bind"`: a path on the engine's host; `"volume"`: a named or anonymous volume; `"tmpfs"`: a memory-backed filesystem. */
  type: pulumi.Input<"bind" | "volume" | "tmpfs">;
  /** bind: absolute host path (must exist); volume: volume name (created on first use), omitted for an anonymous volume; tmpfs: none. */
  source?: pulumi.Input<string>;
  /** Absolute path inside the container. */
  target: pulumi.Input<string>;
  /** Mount read-only (default false; not for tmpfs). */
  readOnly?: pulumi.Input<boolean>;
  /** Consistency requirement for the mount (Docker Desktop for Mac only; ignored elsewhere). Default: `"default"`. */
  consistency?: pulumi.Input<"default" | "consistent" | "cached" | "delegated">;
  /** type bind only. */
  bindOptions?: pulumi.Input<{
    /** Mount propagation: `rprivate` (default), `private`, `rshared`, `shared`, `rslave`, `slave`. */
    propagation?: pulumi.Input<"rprivate" | "private" | "rshared" | "shared" | "rslave" | "slave">;
    /** Do not bind the mounts below the source too (default false: recursive). */
    nonRecursive?: pulumi.Input<boolean>;
  }>;
  /** type volume only; labels and driverConfig apply when the engine creates the volume. */
  volumeOptions?: pulumi.Input<{
    /** Do not copy the image's content at the target into a new volume (default false). */
    noCopy?: pulumi.Input<boolean>;
    /** Labels of the volume the engine creates. */
    labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The volume driver the engine creates the volume with, and its options. */
    driverConfig?: pulumi.Input<{
      /** Driver name, e.g. `"local"`. */
      name: pulumi.Input<string>;
      /** Driver options, e.g. `{type: "nfs", o: "addr=10.0.0.1", device: ":/export"}`. */
      options?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    }>;
  }>;
  /** type tmpfs only: size in bytes or `"64m"`; mode as octal digits `"1777"` or a number (`0o1777`). */
  tmpfsOptions?: pulumi.Input<{
    /** Size limit in bytes or e.g. `"64m"`. Default: unlimited (half of the host's memory). */
    size?: pulumi.Input<SizeInput>;
    /** Permission bits: octal digits `"1777"` or a number (`0o1777`). Default: `"1777"`. */
    mode?: pulumi.Input<number | string>;
  }>;
}

/** Volumes, mounts and the container's filesystem. Every change replaces the container. */
export interface StorageArgs {
  /**
   * Binds and volumes, as `docker run -v` writes them: `"/host/path:/data"`, `"/host/path:/data:ro,z"`,
   * `"cache:/cache"` (named volume, created by the engine on first use and kept when the container is deleted),
   * `"/scratch"` (anonymous volume, removed with the container); or {@link VolumeInput} objects; or docker-py's
   * `{"/host/path": {bind: "/data", mode: "ro"}}`. Host paths must be absolute. Order does not matter.
   * The image's VOLUMEs are not drift. Default: none. Change: replace.
   */
  volumes?: pulumi.Input<
    | pulumi.Input<string | VolumeInput>[]
    | Record<
        string,
        pulumi.Input<{
          /** Absolute path inside the container. */
          bind: pulumi.Input<string>;
          /** `"rw"` (default) or `"ro"`, with the same options as the string form, e.g. `"ro,z"`. */
          mode?: pulumi.Input<string>;
        }>
      >
  >;
  /**
   * Mounts with every option the Engine knows: {@link MountInput} objects, or `docker run --mount` strings such as
   * `"type=bind,source=/host,target=/data,readonly"` or `"type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1777"`.
   * A bind source must exist on the engine's host. Order does not matter. Default: none. Change: replace.
   */
  mounts?: pulumi.Input<pulumi.Input<string | MountInput>[]>;
  /**
   * tmpfs mounts: `{"/run": "size=64m,noexec"}` or `["/run:size=64m", "/tmp"]`. Options: size (bytes, `64m` or `50%`),
   * mode, uid, gid, nr_inodes, nr_blocks and flags such as noexec, nosuid, nodev; not `ro`. Default: none.
   * Change: replace.
   */
  tmpfs?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /**
   * Containers whose volumes this one mounts: `"name"`, `"name:ro"`, or a list of them (names or ids; compared as
   * the container they name, so a container of that name created since is a change). Default: none.
   * Change: replace.
   */
  volumesFrom?: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Driver for the named volumes this container creates (`"local"` by default). Change: replace. */
  volumeDriver?: pulumi.Input<string>;
  /**
   * Storage driver options, e.g. `{size: "10g"}` or `["size=10g"]`. Supported by overlay2 on xfs with pquota (and a
   * few other drivers); the vfs and plain overlay2 drivers refuse it at create. Default: none. Change: replace.
   */
  storageOpt?: pulumi.Input<Record<string, pulumi.Input<string | number>> | pulumi.Input<string>[]>;
}
