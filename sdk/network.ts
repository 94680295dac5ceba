import * as pulumi from "@pulumi/pulumi";
import { engineInputs, type EngineArgs } from "./args/engine";
import type { IpamInput } from "./args/ipam";
import { networkProviderShim } from "./provider-shim";

/**
 * A Docker network. The engine cannot change a network in place (it can only connect and disconnect
 * containers), so a change to any input replaces it. `host`/`tls`: the engine it lives on, as for Container.
 */
export interface NetworkArgs extends EngineArgs {
  /**
   * Network name. Default: the resource name plus a random suffix; then a replacement creates the new network
   * first, containers that name it by this resource's `name` output move to it in place, and the old one is removed
   * last. With a fixed name the old network is removed first (a name cannot exist twice), which fails while
   * containers are still attached. `bridge`, `host` and `none` are the engine's own. Change: replace.
   */
  name?: pulumi.Input<string>;
  /** Network driver: `bridge` (default), `macvlan`, `ipvlan`, `overlay` (needs swarm), or an enabled plugin; checked against the engine's drivers at preview. Change: replace. */
  driver?: pulumi.Input<string>;
  /** No route from the network to the outside (`docker network create --internal`). Default false. Change: replace. */
  internal?: pulumi.Input<boolean>;
  /** Standalone containers may attach to a swarm-scoped network (`--attachable`). Default false. Change: replace. */
  attachable?: pulumi.Input<boolean>;
  /** IPv6 on the network (`--ipv6`); give an IPv6 subnet in `ipam.config`. Default false. Change: replace. */
  enableIpv6?: pulumi.Input<boolean>;
  /** Subnets, address ranges, gateways (validated at preview: CIDR notation, addresses inside their subnet). Change: replace. */
  ipam?: pulumi.Input<IpamInput>;
  /** Driver options (`--opt`), e.g. `{"com.docker.network.bridge.name": "br-app"}`; a map or a list of `KEY=value`. Change: replace. */
  options?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /** Labels, as a map or a list of `KEY=value`. Labels changed outside Pulumi are drift. Change: replace. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /**
   * Take over the network that already has the declared `name` (and whatever is attached to it) instead of
   * failing on the name. It must match the declaration: a network cannot be changed in place, so a mismatch fails
   * and says what differs. Destroy removes it like any other.
   */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A Docker network. Give it to containers by its outputs (`networks: [net.name]`), so Pulumi creates it before
 * them and deletes it after them. Delete fails, naming them, while containers outside the deletion are attached.
 */
export class Network extends pulumi.dynamic.Resource {
  /** The network's name (declared or generated). */
  declare readonly name: pulumi.Output<string>;
  /** The driver the engine reports. */
  declare readonly driver: pulumi.Output<string>;
  /** Subnets in CIDR notation, as the engine assigned them (declared or picked from its pools). */
  declare readonly subnets: pulumi.Output<string[]>;
  /** Gateway addresses, one per subnet that has one. */
  declare readonly gateways: pulumi.Output<string[]>;

  constructor(name: string, args: NetworkArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      networkProviderShim,
      name,
      { ...args, ...engineInputs(args), name: args.name, driver: args.driver, __resourceName: name, subnets: undefined, gateways: undefined },
      opts,
      "dockwright",
      "Network",
    );
  }
}
