// The engine calls a Network needs.
import type Docker from "dockerode";
import type { DockerClient } from "../docker/client";
import { unlessNotFound } from "../docker/errors";
import { canonical, type Inputs, type Ipam } from "./inputs";

export async function inspectNetwork(client: DockerClient, idOrName: string): Promise<Docker.NetworkInspectInfo | undefined> {
  return (await unlessNotFound(client.docker.getNetwork(idOrName).inspect())) as Docker.NetworkInspectInfo | undefined;
}

/** The network that has exactly this name (inspect also resolves id prefixes). */
export async function networkNamed(client: DockerClient, name: string): Promise<Docker.NetworkInspectInfo | undefined> {
  const info = await inspectNetwork(client, name);
  return info?.Name === name ? info : undefined;
}

/** `POST /networks/create`; CheckDuplicate makes engines before API 1.44 refuse a second network with the name. */
export function createBody(inputs: Inputs, name: string): Docker.NetworkCreateOptions & { CheckDuplicate: boolean } {
  const ipam = canonical("ipam", inputs) as Ipam;
  return {
    Name: name,
    CheckDuplicate: true,
    Driver: canonical("driver", inputs) as string,
    Internal: canonical("internal", inputs) as boolean,
    Attachable: canonical("attachable", inputs) as boolean,
    EnableIPv6: canonical("enableIpv6", inputs) as boolean,
    IPAM: {
      Driver: ipam.driver,
      Config: (ipam.config ?? []).map((c) => ({
        Subnet: c.subnet,
        ...(c.ipRange ? { IPRange: c.ipRange } : {}),
        ...(c.gateway ? { Gateway: c.gateway } : {}),
        ...(c.auxAddresses ? { AuxiliaryAddresses: c.auxAddresses } : {}),
      })),
      Options: ipam.options,
    },
    Options: canonical("options", inputs) as Record<string, string>,
    Labels: canonical("labels", inputs) as Record<string, string>,
  };
}

/** The containers attached to the network, by name (the engine's view, ghost endpoints included). */
export function endpointsOf(info: Docker.NetworkInspectInfo): { id: string; name: string }[] {
  return Object.entries(info.Containers ?? {}).map(([id, c]) => ({ id, name: (c as { Name?: string }).Name ?? id.slice(0, 12) }));
}
