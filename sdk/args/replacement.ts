import type * as pulumi from "@pulumi/pulumi";

/** How a replacement keeps the service up. */
export interface ReplacementArgs {
  /**
   * The order in which a replacement stops the old container and starts the new one. Either way the new container
   * is made first (image pulled, created, `uploads` written, networks joined) while the old one keeps running, and
   * a fixed name moves to the new container. If the new container cannot start or does not become ready
   * (`waitForHealthy`, else running), it is removed and the old one runs again under its name: the error says so,
   * and the stack still holds the old container.
   * - `"stop-first"` (default): the old container stops gracefully, then the new one starts. Two never run at once
   *   (safe for a singleton holding a volume); the service is down for stop + start + readiness. Works with a fixed
   *   name, a fixed host port, a static IP and a MAC address.
   * - `"start-first"`: the new container starts and becomes ready first, then takes the name; the old one keeps
   *   serving until Pulumi deletes it at the end of the run: no interruption. Needs nothing that two running
   *   containers cannot share: a fixed host port, a static IP address, a MAC address or `networkMode: "host"` fails
   *   at preview (a fixed name is fine, and so is a random host port such as `"127.0.0.1::80"`, which changes with
   *   the container: follow the `ports` output or find the container by name).
   *
   * Change: no change to the container.
   */
  updateOrder?: pulumi.Input<"stop-first" | "start-first">;
}
