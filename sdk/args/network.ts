import type * as pulumi from "@pulumi/pulumi";

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

/** Ports and networks. */
export interface NetworkArgs {
  /** Published ports; each is also exposed, as the Docker CLI does. Change: replace. */
  ports?: pulumi.Input<pulumi.Input<PortInput>[]>;
}
