import type Docker from "dockerode";
import { sortPorts, type PortBinding } from "./forms";
import type { Inputs } from "./inputs";

/** Published ports as the engine bound them (ephemeral host ports resolved, both address families). */
function boundPorts(info: Docker.ContainerInspectInfo): PortBinding[] {
  const ports = (info.NetworkSettings?.Ports ?? {}) as Record<string, { HostIp: string; HostPort: string }[] | null>;
  return sortPorts(
    Object.entries(ports).flatMap(([key, list]) => {
      const [port, protocol = "tcp"] = key.split("/");
      return (list ?? []).map((b) => ({
        container: Number(port),
        protocol: protocol as PortBinding["protocol"],
        hostIp: b.HostIp,
        host: Number(b.HostPort),
      }));
    }),
  );
}

export interface NetworkOutput {
  ipAddress: string;
  gateway: string;
  macAddress: string;
  aliases: string[];
}

/** Attached networks by name (sorted), without the short-id alias the daemon adds to every endpoint. */
function networks(info: Docker.ContainerInspectInfo): Record<string, NetworkOutput> {
  const shortId = info.Id.slice(0, 12);
  const attached = (info.NetworkSettings?.Networks ?? {}) as Record<string, any>;
  return Object.fromEntries(
    Object.keys(attached)
      .sort()
      .map((name) => {
        const n = attached[name];
        return [
          name,
          {
            ipAddress: n.IPAddress ?? "",
            gateway: n.Gateway ?? "",
            macAddress: n.MacAddress ?? "",
            aliases: ((n.Aliases ?? []) as string[]).filter((a) => a !== shortId).sort(),
          },
        ];
      }),
  );
}

/** The resource's outputs: its inputs, and what the engine reports. JSON-clean, stable ordering. */
export function containerOutputs(inputs: Inputs, info: Docker.ContainerInspectInfo): Inputs {
  const outs = {
    ...inputs,
    name: info.Name.replace(/^\//, ""),
    imageId: info.Image,
    status: info.State.Status,
    exitCode: info.State.ExitCode,
    startedAt: info.State.StartedAt,
    restartCount: info.RestartCount,
    health: info.State.Health?.Status ?? "none",
    ipAddress: (info.NetworkSettings as { IPAddress?: string } | undefined)?.IPAddress ?? "",
    networks: networks(info),
    ports: boundPorts(info),
  };
  // Outputs must be plain JSON: undefined, Buffers or class instances fail the RPC after the side effects.
  return JSON.parse(JSON.stringify(outs));
}
