import type * as pulumi from "@pulumi/pulumi";

/** How the container is deleted, and taking over an existing container. None of these change the container. */
export interface DeleteArgs {
  /** Seconds to wait after the stop signal before the engine kills the container on delete. Default: the container's `stopTimeout` (else the engine's 10). Change: no change to the container. */
  deleteTimeout?: pulumi.Input<number>;
  /** Remove the container's anonymous volumes with it (default true). Named volumes are never removed. Change: no change to the container. */
  removeVolumes?: pulumi.Input<boolean>;
  /**
   * Take over an existing container with the same `name` instead of failing on the name conflict (`pulumi import`
   * does not work for dynamic resources). What can change in place is changed in place; anything else replaces it.
   * Needs `name`. Change: no change to the container.
   */
  adopt?: pulumi.Input<boolean>;
}
