// Every input of a Container: the fields of each area's args, and the few that belong to no area. A module of its
// own, free of runtime code, so the provider can name these keys in its option table (a type-only import).
import type * as pulumi from "@pulumi/pulumi";
import type { CgroupArgs } from "./cgroup";
import type { DeleteArgs } from "./delete";
import type { EngineArgs } from "./engine";
import type { ImageSourceArgs } from "./image-source";
import type { LifecycleArgs } from "./lifecycle";
import type { HealthLogArgs } from "./health-logs";
import type { NetworkArgs } from "./network";
import type { ProcessArgs } from "./process";
import type { ReplacementArgs } from "./replacement";
import type { ResourceArgs } from "./resources";
import type { SecurityArgs } from "./security";
import type { StorageArgs } from "./storage";

export interface ContainerArgs
  extends ProcessArgs,
    ResourceArgs,
    SecurityArgs,
    NetworkArgs,
    StorageArgs,
    CgroupArgs,
    HealthLogArgs,
    ImageSourceArgs,
    LifecycleArgs,
    ReplacementArgs,
    EngineArgs,
    DeleteArgs {
  /** Image reference (`nginx:1.27`, `repo@sha256:...`, an image id). Identity is the resolved image id: a tag moved to another image replaces the container. Change: replace. */
  image: pulumi.Input<string>;
  /** Container name. Default: the resource name plus a random suffix (a replacement then gets a new suffix). A replacement moves the name to the new container (see `updateOrder`). Change: renamed in place. */
  name?: pulumi.Input<string>;
  /** Command (the image's CMD when omitted): a list, or one command line split like a shell would. Change: replace. */
  command?: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Entrypoint (the image's when omitted; `[]` clears it). Change: replace. */
  entrypoint?: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Environment, as a map or a list of `KEY=value`. Image-defined variables are inherited and not drift. Change: replace. */
  env?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /** Labels, as a map or a list of `KEY=value`. Image labels are inherited. Change: replace. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /**
   * The run state:
   * - `"running"` (default), `"stopped"` or `"paused"`: a service.
   * - `"created"`: created (and `uploads` written), never started.
   * - `"exited"`: a job, run once to completion: up starts it, waits for it to exit and fails unless the exit code
   *   is `expectedExitCode`, quoting its last log lines; the `exitCode` and `logs` outputs hold the outcome. A job
   *   that has finished is the same on the next up (whatever it exited with): it runs again only when something
   *   replaces it. A job started again outside Pulumi shows as `state: "running" -> "exited"`: up waits for that
   *   run to end and checks its exit code; it does not stop it. A restart policy "always"/"unless-stopped" and
   *   `autoRemove` fail at preview.
   *
   * Change: in place (start, stop, pause, unpause); to `"created"` from a container that has run: replace.
   */
  state?: pulumi.Input<"running" | "stopped" | "paused" | "created" | "exited">;
}
