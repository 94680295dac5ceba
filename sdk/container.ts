import * as pulumi from "@pulumi/pulumi";
import { containerProviderShim } from "./provider-shim";

/** A published port: `"8080:80"`, `"127.0.0.1:8080:80/udp"`, `80`, or an object. */
export type PortInput =
  | string
  | number
  | {
      /** Port inside the container. */
      container: pulumi.Input<number>;
      /** Host port; omitted or 0: the engine picks a free one. */
      host?: pulumi.Input<number>;
      /** Host address to bind; omitted: every address. */
      hostIp?: pulumi.Input<string>;
      /** Default "tcp". */
      protocol?: pulumi.Input<"tcp" | "udp" | "sctp">;
    };

export interface ContainerArgs {
  /** Image reference (`nginx:1.27`, `repo@sha256:...`, an image id). Identity is the resolved image id: a tag moved to another image replaces the container. */
  image: pulumi.Input<string>;
  /** Container name. Default: the resource name plus a random suffix (then replacements create the new container before removing the old one). Change: renamed in place. */
  name?: pulumi.Input<string>;
  /** Command (the image's CMD when omitted): a list, or one command line split like a shell would. Change: replace. */
  command?: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Entrypoint (the image's when omitted; `[]` clears it). Change: replace. */
  entrypoint?: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Environment, as a map or a list of `KEY=value`. Image-defined variables are inherited and not drift. Change: replace. */
  env?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /** Labels, as a map or a list of `KEY=value`. Image labels are inherited. Change: replace. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /** Published ports; each is also exposed, as the Docker CLI does. Change: replace. */
  ports?: pulumi.Input<pulumi.Input<PortInput>[]>;
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
  /** Memory limit: bytes or `"512m"`, `"1g"` (minimum 6m). Change: in place; removing it replaces. */
  memory?: pulumi.Input<number | string>;
  /** Memory plus swap (needs `memory`; -1: unlimited). Default: twice `memory`. Change: in place. */
  memorySwap?: pulumi.Input<number | string>;
  /** Soft memory limit, not above `memory`. Change: in place; removing it replaces. */
  memoryReservation?: pulumi.Input<number | string>;
  /** CPUs, e.g. 1.5 (not with cpuPeriod/cpuQuota). Change: in place; removing it or switching to cpuQuota replaces. */
  cpus?: pulumi.Input<number>;
  /** CFS period in microseconds (1000 to 1000000). Change: in place. */
  cpuPeriod?: pulumi.Input<number>;
  /** CFS quota in microseconds (at least 1000). Change: in place; switching to cpus replaces. */
  cpuQuota?: pulumi.Input<number>;
  /** Relative CPU weight, 2 to 262144 (engine default 1024). Change: in place; removing it replaces. */
  cpuShares?: pulumi.Input<number>;
  /** CPUs the container may run on: `"0"`, `"0-2"`, `"0,3"`. Change: in place; removing it replaces. */
  cpusetCpus?: pulumi.Input<string>;
  /** Memory nodes the container may use (NUMA): `"0"`, `"0-1"`. Change: in place; removing it replaces. */
  cpusetMems?: pulumi.Input<string>;
  /** Maximum number of processes. Change: in place; removing it replaces. */
  pidsLimit?: pulumi.Input<number>;
  /** `"no"` (default), `"always"`, `"unless-stopped"`, `"on-failure[:retries]"` or `{name, maximumRetryCount}`. Change: in place. */
  restart?: pulumi.Input<string | { name: pulumi.Input<string>; maximumRetryCount?: pulumi.Input<number> }>;
  /** Give the container every device and capability (default false). Change: replace. */
  privileged?: pulumi.Input<boolean>;
  /** Mount the root filesystem read-only (default false). Change: replace. */
  readOnly?: pulumi.Input<boolean>;
  /** Capabilities to add: `NET_ADMIN`, `net_admin` or `CAP_NET_ADMIN`, or `ALL`; order does not matter. Change: replace. */
  capAdd?: pulumi.Input<pulumi.Input<string>[]>;
  /** Capabilities to drop, in the same forms as capAdd. Change: replace. */
  capDrop?: pulumi.Input<pulumi.Input<string>[]>;
  /** `"running"` (default), `"stopped"` or `"paused"`. Change: in place (start, stop, pause, unpause). */
  state?: pulumi.Input<"running" | "stopped" | "paused">;
}

/** A port as the engine bound it. */
export interface BoundPort {
  container: number;
  protocol: "tcp" | "udp" | "sctp";
  hostIp: string;
  host: number;
}

/** A Docker container kept exactly in line with its declaration. */
export class Container extends pulumi.dynamic.Resource {
  /** The container's name. */
  declare readonly name: pulumi.Output<string>;
  /** The resolved id of the image the container runs. */
  declare readonly imageId: pulumi.Output<string>;
  /** Run state as the engine reports it: created, running, paused, exited, ... */
  declare readonly status: pulumi.Output<string>;
  /** Exit code of the last run (0 while running). */
  declare readonly exitCode: pulumi.Output<number>;
  /** When the container last started (RFC 3339). */
  declare readonly startedAt: pulumi.Output<string>;
  /** How often the engine restarted it under its restart policy. */
  declare readonly restartCount: pulumi.Output<number>;
  /** Healthcheck status: starting, healthy, unhealthy, or none without a healthcheck. */
  declare readonly health: pulumi.Output<string>;
  /** Address on the default bridge network ("" when not attached to it). */
  declare readonly ipAddress: pulumi.Output<string>;
  /** Attached networks by name (sorted): address, gateway, MAC address and aliases. */
  declare readonly networks: pulumi.Output<Record<string, { ipAddress: string; gateway: string; macAddress: string; aliases: string[] }>>;
  /** Published ports with the host ports the engine assigned, sorted. */
  declare readonly ports: pulumi.Output<BoundPort[]>;

  constructor(name: string, args: ContainerArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      containerProviderShim,
      name,
      {
        ...args,
        name: args.name,
        ports: args.ports,
        __resourceName: name,
        imageId: undefined,
        status: undefined,
        exitCode: undefined,
        startedAt: undefined,
        restartCount: undefined,
        health: undefined,
        ipAddress: undefined,
        networks: undefined,
      },
      opts,
      "dockwright",
      "Container",
    );
  }
}
