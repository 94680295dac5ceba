import type Docker from "dockerode";
import { sortPorts, type PortBinding } from "./forms/ports";
import { AUTONAME_KEY, type Inputs } from "./inputs";

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

interface NetworkOutput {
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

/**
 * Outputs named like an input but holding what the engine reports (the name it has, the ports it bound, the
 * networks it attached). The declared values are kept beside them, under DECLARED_KEY, so that refresh can give
 * the program's own inputs back.
 */
const SHADOWED_INPUTS = ["name", "ports", "networks"] as const;
const DECLARED_KEY = "__declared";

/** The resource's outputs: its inputs, and what the engine reports. JSON-clean, stable ordering. */
export function containerOutputs(inputs: Inputs, info: Docker.ContainerInspectInfo): Inputs {
  const declared = Object.fromEntries(SHADOWED_INPUTS.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));
  const outs = {
    ...inputs,
    [DECLARED_KEY]: Object.keys(declared).length ? declared : undefined,
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

/** The inputs stored outputs were made from: the shadowed ones as declared, not as the engine reports them. */
export function storedInputs(props: Inputs): Inputs {
  const { [DECLARED_KEY]: declared, ...rest } = props;
  const kept = (declared && typeof declared === "object" ? declared : {}) as Inputs;
  // State written before DECLARED_KEY existed holds no declared ports or networks (the name is the declared one).
  return { ...rest, name: kept.name ?? rest.name, ports: kept.ports, networks: kept.networks };
}

/** The outputs of a container whose inspect did not answer: its inputs, and the name it was created under. */
export function knownOutputs(inputs: Inputs): Inputs {
  const name = [inputs.name, inputs[AUTONAME_KEY]].find((n) => typeof n === "string");
  return JSON.parse(JSON.stringify({ ...inputs, name }));
}
