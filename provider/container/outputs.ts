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

/** The resource's outputs: its inputs, and what the engine reports. JSON-clean, stable ordering. */
export function containerOutputs(inputs: Inputs, info: Docker.ContainerInspectInfo): Inputs {
  const outs = {
    ...inputs,
    name: info.Name.replace(/^\//, ""),
    imageId: info.Image,
    status: info.State.Status,
    ports: boundPorts(info),
  };
  // Outputs must be plain JSON: undefined, Buffers or class instances fail the RPC after the side effects.
  return JSON.parse(JSON.stringify(outs));
}
