import type * as pulumi from "@pulumi/pulumi";

/** One address pool of a network (`docker network create --subnet --ip-range --gateway --aux-address`). */
export interface IpamConfigInput {
  /** The subnet in CIDR notation, e.g. `10.10.0.0/16` or `fd00:10::/64` (host bits clear). */
  subnet: pulumi.Input<string>;
  /** The part of the subnet containers get addresses from (CIDR, inside `subnet`). Default: the whole subnet. */
  ipRange?: pulumi.Input<string>;
  /** The gateway address (inside `subnet`). Default: the engine picks the first address. */
  gateway?: pulumi.Input<string>;
  /** Addresses the engine must not hand out, by host name: `{ router: "10.10.0.2" }` (each inside `subnet`). */
  auxAddresses?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** IP address management of a network. */
export interface IpamInput {
  /** IPAM driver (default `default`). */
  driver?: pulumi.Input<string>;
  /** Address pools. Default: the engine picks a free subnet from its pools (not compared, so not drift). */
  config?: pulumi.Input<pulumi.Input<IpamConfigInput>[]>;
  /** IPAM driver options, as a map or a list of `KEY=value`. */
  options?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
}
