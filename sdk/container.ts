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
  /** Container name. Default: the resource name plus a random suffix (then replacements create the new container before removing the old one). */
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
  /** Published ports with the host ports the engine assigned, sorted. */
  declare readonly ports: pulumi.Output<BoundPort[]>;

  constructor(name: string, args: ContainerArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      containerProviderShim,
      name,
      { ...args, name: args.name, ports: args.ports, __resourceName: name, imageId: undefined, status: undefined },
      opts,
      "dockwright",
      "Container",
    );
  }
}
