import type * as pulumi from "@pulumi/pulumi";

/** Privileges, capabilities, namespaces and devices. */
export interface SecurityArgs {
  /** Give the container every device and capability (default false). Change: replace. */
  privileged?: pulumi.Input<boolean>;
  /** Mount the root filesystem read-only (default false). Change: replace. */
  readOnly?: pulumi.Input<boolean>;
  /** Capabilities to add: `NET_ADMIN`, `net_admin` or `CAP_NET_ADMIN`, or `ALL`; order does not matter. Change: replace. */
  capAdd?: pulumi.Input<pulumi.Input<string>[]>;
  /** Capabilities to drop, in the same forms as capAdd. Change: replace. */
  capDrop?: pulumi.Input<pulumi.Input<string>[]>;
}
