// What in a declaration can belong to one container only: a name, a fixed host port, a static address or a MAC
// address. It decides how a replacement may run: two containers with one of these cannot run side by side.
import { containsUnknown } from "../unknown";
import { parsePort } from "./forms/ports";
import type { Inputs } from "./inputs";

/** Fixed host ports as `hostIp:port/protocol`; undefined when the ports are not known yet or do not parse. */
function fixedHostPorts(ports: unknown): string[] | undefined {
  if (ports === undefined) return [];
  if (!Array.isArray(ports) || containsUnknown(ports)) return undefined;
  try {
    return ports
      .flatMap((p) => parsePort(p))
      .filter((p) => p.host !== 0)
      .map((p) => `${p.hostIp || "0.0.0.0"}:${p.host}/${p.protocol}`);
  } catch {
    return undefined;
  }
}

function hasStaticAddress(networks: unknown): boolean {
  return Array.isArray(networks) && networks.some((n) => typeof n === "object" && n !== null && ("ipv4Address" in n || "ipv6Address" in n));
}

/**
 * What two running containers of this declaration would fight over: fixed host ports (or ports not known yet),
 * static addresses, a MAC address, the host's network stack. Each entry says it for a message.
 */
export function heldWhileRunning(inputs: Inputs): string[] {
  const held: string[] = [];
  const ports = fixedHostPorts(inputs.ports);
  if (ports === undefined) held.push("host ports not known yet");
  else if (ports.length) held.push(`host port${ports.length > 1 ? "s" : ""} ${ports.join(", ")}`);
  if (hasStaticAddress(inputs.networks)) held.push("a static IP address");
  if (inputs.macAddress !== undefined) held.push("a MAC address");
  if (inputs.networkMode === "host") held.push('networkMode "host" (the host\'s ports)');
  return held;
}

/** Everything that cannot exist twice on one engine, running or not: the name too. */
export function uniqueOnEngine(inputs: Inputs): string[] {
  const held = heldWhileRunning(inputs).filter((h) => !h.startsWith("networkMode"));
  return inputs.name !== undefined ? [`the name ${JSON.stringify(inputs.name)}`, ...held] : held;
}
