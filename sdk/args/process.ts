import type * as pulumi from "@pulumi/pulumi";

/** How the container's process runs. The engine fixes these at create: a change replaces the container. */
export interface ProcessArgs {
  /** Working directory, absolute (a trailing `/` is ignored). Default: the image's WORKDIR. Change: replace. */
  workingDir?: pulumi.Input<string>;
  /** `user`, `uid`, `user:group` or `uid:gid`. Default: the image's USER. Change: replace. */
  user?: pulumi.Input<string>;
  /** Host name inside the container. Default: the first 12 characters of the id. Change: replace. */
  hostname?: pulumi.Input<string>;
  /** Domain name inside the container. Change: replace. */
  domainname?: pulumi.Input<string>;
  /** Allocate a terminal (default false). Change: replace. */
  tty?: pulumi.Input<boolean>;
  /** Keep stdin open (default false). Change: replace. */
  stdinOpen?: pulumi.Input<boolean>;
  /** Run an init process as PID 1 that reaps zombies and forwards signals (default false). Change: replace. */
  init?: pulumi.Input<boolean>;
  /** Additional groups (names or ids) for the process; order does not matter. Change: replace. */
  groupAdd?: pulumi.Input<pulumi.Input<string>[]>;
  /** Signal that stops the container: `"SIGTERM"`, `"TERM"` or `15`. Default: the image's STOPSIGNAL, else SIGTERM. Used by delete. Change: replace. */
  stopSignal?: pulumi.Input<string | number>;
  /** Seconds to wait after the stop signal before killing (-1: forever). Default: the engine's 10. Used by delete. Change: replace. */
  stopTimeout?: pulumi.Input<number>;
  /** Remove the container as soon as it exits (the engine's `--rm`; default false). Not with a restart policy. Change: replace. */
  autoRemove?: pulumi.Input<boolean>;
}
