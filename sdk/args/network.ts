import type * as pulumi from "@pulumi/pulumi";

/**
 * A published port: `"8080:80"`, `"127.0.0.1:8080:80/udp"`, `"[::1]:8080:80"`, `80`, or an object. The host address is
 * an IP address (IPv6 in brackets), as with `docker run -p`; each host port is published once.
 */
export type PortInput =
  | string
  | number
  | {
      /** Port inside the container. */
      container: pulumi.Input<number>;
      /** Host port; omitted or 0: the engine picks a free one. */
      host?: pulumi.Input<number>;
      /** Host address to bind (IPv4 or IPv6); omitted: every address of both families; `"0.0.0.0"`: every IPv4 address only. */
      hostIp?: pulumi.Input<string>;
      /** Default "tcp". */
      protocol?: pulumi.Input<"tcp" | "udp" | "sctp">;
    };

/** One network attachment: a network name, or its name with the endpoint's settings. */
export type NetworkInput =
  | string
  | {
      /** The network's name (user-defined networks for everything below). */
      name: pulumi.Input<string>;
      /** Extra DNS names of the container on this network; order does not matter. */
      aliases?: pulumi.Input<pulumi.Input<string>[]>;
      /** Static IPv4 address, inside a subnet configured on the network. */
      ipv4Address?: pulumi.Input<string>;
      /** Static IPv6 address. */
      ipv6Address?: pulumi.Input<string>;
      /** Legacy links to other containers: `"db"` or `"db:alias"`. */
      links?: pulumi.Input<pulumi.Input<string>[]>;
    };

/** Ports, networks, DNS and host entries. */
export interface NetworkArgs {
  /** Published ports; each is also exposed, as the Docker CLI does. Change: replace. */
  ports?: pulumi.Input<pulumi.Input<PortInput>[]>;
  /**
   * Networks to attach, by name, any order (the first is the one the container is created on). Default: the
   * default bridge (or `networkMode`). Change: in place; new networks are connected first, changed attachments
   * (aliases, addresses, links) reconnected, removed ones disconnected; the process keeps running.
   */
  networks?: pulumi.Input<pulumi.Input<NetworkInput>[]>;
  /**
   * `"bridge"` (default), `"host"`, `"none"`, `"container:<name or id>"` (share another container's network stack),
   * or a network name (the same as `networks: [name]`). Not with `networks` except as one of them. Change: replace
   * (moving between networks is `networks`' job, in place).
   */
  networkMode?: pulumi.Input<string>;
  /** DNS servers, in order. Default: the engine's. Change: replace. */
  dns?: pulumi.Input<pulumi.Input<string>[]>;
  /** DNS search domains, in order. Change: replace. */
  dnsSearch?: pulumi.Input<pulumi.Input<string>[]>;
  /** Resolver options such as `"ndots:2"`; order does not matter. Change: replace. */
  dnsOptions?: pulumi.Input<pulumi.Input<string>[]>;
  /** Entries for /etc/hosts: `{ "db.local": "10.0.0.5" }` or `["db.local:10.0.0.5"]`; `host-gateway` is the host. Change: replace. */
  extraHosts?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /** MAC address of the container's interface (any case). Default: assigned by the engine. Change: replace. */
  macAddress?: pulumi.Input<string>;
  /** Start the container with no network at all (default false). Change: replace. */
  networkDisabled?: pulumi.Input<boolean>;
  /** Publish every exposed port on a free host port (default false). Change: replace. */
  publishAllPorts?: pulumi.Input<boolean>;
  /** Ports to expose without publishing: `80`, `"53/udp"`, `"8000-8010"`. The image's and the published ports are exposed anyway. Change: replace. */
  exposedPorts?: pulumi.Input<pulumi.Input<number | string>[]>;
}
