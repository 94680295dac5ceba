import type * as pulumi from "@pulumi/pulumi";

/** A file or folder written into the container after create and before its first start. */
export interface UploadInput {
  /** Absolute path inside the container. Missing parent folders are created (root, 0755). */
  path: pulumi.Input<string>;
  /** The file's text (UTF-8). May be a secret: it is never shown in messages. */
  content?: pulumi.Input<string>;
  /** The file's bytes, base64-encoded. */
  contentBase64?: pulumi.Input<string>;
  /**
   * A local file or folder on the machine running Pulumi (relative to the program's folder). A folder is copied
   * with its contents to `path`; symlinks stay symlinks; files keep their local permission bits.
   */
  source?: pulumi.Input<string>;
  /** Permission bits: a number (`0o600`) or an octal string (`"0600"`). Default: 0644 for content, the local file's for `source` (for a folder: sets every file's). */
  mode?: pulumi.Input<number | string>;
  /** Numeric owner. Default 0 (root). */
  uid?: pulumi.Input<number>;
  /** Numeric group. Default 0 (root). */
  gid?: pulumi.Input<number>;
}

/** Files written before the first start, readiness, and run-to-completion jobs. */
export interface LifecycleArgs {
  /**
   * Files written into the container after create and before the first start (one tar stream), each with exactly
   * one of `content`, `contentBase64` or `source`. Change: replace (also when a `source`'s bytes, modes or files
   * change, read at preview).
   */
  uploads?: pulumi.Input<pulumi.Input<UploadInput>[]>;
  /**
   * After every start (create, replace, start from stopped, a resumed failed up), wait until the healthcheck
   * (declared or the image's) reports healthy. Fails as soon as it reports unhealthy, if the container exits, or
   * after `timeout` (seconds, or `"2m"`; default: long enough for the healthcheck's verdict, at least 60 s);
   * the error quotes the last health-check outputs. Applies while `state` is `"running"` (a stopped,
   * paused or created container waits at its next start; a job fails at preview), and needs a healthcheck
   * (`healthcheck: false` fails at preview). A failure keeps the container in the stack; the next up waits again.
   * Change: no change to the container.
   */
  waitForHealthy?: pulumi.Input<
    | boolean
    | {
        /** How long to wait: seconds, or a duration such as `"90s"` or `"2m"`. Default: long enough for the healthcheck's verdict, at least 60 s. */
        timeout?: pulumi.Input<number | string>;
      }
  >;
  /**
   * For a job (`state: "exited"`): the exit code of a successful run (0 to 255, default 0). Another exit code fails
   * up, quoting the job's last log lines, and keeps the container in the stack: changing this then makes the next
   * up check the finished job again (it is not re-run). Change: no change to the container.
   */
  expectedExitCode?: pulumi.Input<number>;
  /** For a job (`state: "exited"`): how many of its last log lines the `logs` output holds (default 100). Change: no change to the container. */
  logLines?: pulumi.Input<number>;
}
