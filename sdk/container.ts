import * as pulumi from "@pulumi/pulumi";
import type { ContainerArgs } from "./args/container";
import { engineInputs } from "./args/engine";
import { identityOf, IDENTITY_KEY } from "../provider/identity";
import { containerProviderShim } from "./provider-shim";
import { secretMarkers } from "./secrets";

export type { PortInput } from "./args/network";
export type { ContainerArgs };

/** A port as the engine bound it (one entry per address family the engine bound). */
export interface BoundPort {
  /** Port inside the container. */
  container: number;
  /** Protocol of the port. */
  protocol: "tcp" | "udp" | "sctp";
  /** Host address the port is bound on: `"0.0.0.0"` or `"::"` for every address. */
  hostIp: string;
  /** Host port, as the engine chose it when the declaration left it open. */
  host: number;
}

/** A Docker container kept exactly in line with its declaration. */
export class Container extends pulumi.dynamic.Resource {
  /** The container's name. */
  declare readonly name: pulumi.Output<string>;
  /** The image reference as declared. */
  declare readonly image: pulumi.Output<string>;
  /** The resolved id of the image the container runs. */
  declare readonly imageId: pulumi.Output<string>;
  /** Run state as the engine reports it: created, running, paused, exited, ... */
  declare readonly status: pulumi.Output<string>;
  /** Exit code of the last run (0 while running). For a job (`state: "exited"`): the code it finished with. */
  declare readonly exitCode: pulumi.Output<number>;
  /**
   * For a job (`state: "exited"`): its last `logLines` lines of output (stdout and stderr interleaved), read when
   * up ran or checked it; empty when the logging driver keeps nothing readable. Undefined for other containers.
   */
  declare readonly logs: pulumi.Output<string | undefined>;
  /** When the container last started (RFC 3339). */
  declare readonly startedAt: pulumi.Output<string>;
  /** How often the engine restarted it under its restart policy. */
  declare readonly restartCount: pulumi.Output<number>;
  /** Healthcheck status: starting, healthy, unhealthy, or none without a healthcheck. */
  declare readonly health: pulumi.Output<string>;
  /** Address on the default bridge network ("" when not attached to it). */
  declare readonly ipAddress: pulumi.Output<string>;
  /** Attached networks by name (sorted): address, gateway, MAC address and aliases. */
  declare readonly networks: pulumi.Output<
    Record<
      string,
      {
        /** The container's IPv4 address on the network. */
        ipAddress: string;
        /** The network's gateway. */
        gateway: string;
        /** The MAC address of the container's interface on the network. */
        macAddress: string;
        /** The container's DNS names on the network, sorted (without the short id the engine adds). */
        aliases: string[];
      }
    >
  >;
  /** Published ports with the host ports the engine assigned, sorted. */
  declare readonly ports: pulumi.Output<BoundPort[]>;

  constructor(name: string, args: ContainerArgs, opts?: pulumi.CustomResourceOptions) {
    const declared = {
      ...args,
      // Credentials are stored as secrets even when the program passes them in plain text.
      ...engineInputs(args),
      registryAuth: args.registryAuth === undefined ? undefined : pulumi.secret(args.registryAuth),
    };
    super(
      containerProviderShim,
      name,
      {
        ...declared,
        name: args.name,
        ports: args.ports,
        __resourceName: name,
        // Finds this resource's containers on the engine without the engine's answers (provider/identity.ts).
        [IDENTITY_KEY]: identityOf({ project: pulumi.getProject(), stack: pulumi.getStack(), kind: "Container", name }),
        ...secretMarkers(declared),
        imageId: undefined,
        status: undefined,
        exitCode: undefined,
        startedAt: undefined,
        restartCount: undefined,
        health: undefined,
        ipAddress: undefined,
        networks: args.networks,
      },
      opts,
      "dockwright",
      "Container",
    );
  }
}
