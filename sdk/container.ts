import * as pulumi from "@pulumi/pulumi";
import type { CgroupArgs } from "./args/cgroup";
import type { DeleteArgs } from "./args/delete";
import { engineInputs, type EngineArgs } from "./args/engine";
import type { ImageSourceArgs } from "./args/image-source";
import type { LifecycleArgs } from "./args/lifecycle";
import type { HealthLogArgs } from "./args/health-logs";
import type { NetworkArgs } from "./args/network";
import type { ProcessArgs } from "./args/process";
import type { ReplacementArgs } from "./args/replacement";
import type { ResourceArgs } from "./args/resources";
import type { SecurityArgs } from "./args/security";
import type { StorageArgs } from "./args/storage";
import { identityOf, IDENTITY_KEY } from "../provider/identity";
import { containerProviderShim } from "./provider-shim";
import { secretMarkers } from "./secrets";

export type { PortInput } from "./args/network";

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
  /** Image reference (`nginx:1.27`, `repo@sha256:...`, an image id). Identity is the resolved image id: a tag moved to another image replaces the container. */
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
