// Published ports: `"[ip:][hostPort:]containerPort[/protocol]"`, a port number or an object, compared as the
// engine's PortBindings.
import { z } from "zod";
import { canonicalHostIp, parsePort, parsePortSpec, portKey, portProblems, sortPorts, type PortBinding } from "../forms/ports";
import { byType } from "../forms/schemas";
import { containsUnknown } from "../../unknown";
import { defineOption } from "./spec";
import { lenient } from "../forms/lenient";

const portNumberInput = (what: string) =>
  z.number({ error: `expected the ${what} port, 1 to 65535` }).int(`the ${what} port is a whole number, 1 to 65535`).min(1, `the ${what} port is 1 to 65535`).max(65535, `the ${what} port is 1 to 65535`);

type PortInput = Parameters<typeof parsePortSpec>[0];

const portEntry = byType<PortInput>(
  {
    string: z.string(),
    number: portNumberInput("container"),
    object: z
      .object({
        container: portNumberInput("container"),
        host: z.number({ error: "expected the host port, 0 (any free port) to 65535" }).int("the host port is a whole number, 0 to 65535").min(0, "the host port is 0 (any free port) to 65535").max(65535, "the host port is 0 (any free port) to 65535").optional(),
        hostIp: z.string({ error: 'expected a host address such as "127.0.0.1" or "::1"' }).optional(),
        protocol: z.enum(["tcp", "udp", "sctp"], { error: 'expected "tcp", "udp" or "sctp"' }).optional(),
      })
      .strict(),
  },
  'expected "[hostIp:][hostPort:]containerPort[/protocol]", a port number, or {container, host, hostIp, protocol}',
  parsePortSpec,
);

/** Published ports: each entry checked, then the list (host ports published twice, how many in all) as ranges. */
const portsInput = z.array(portEntry, { error: "expected a list of port mappings" }).superRefine((list, ctx) => {
  // Entries that do not parse are reported by their own schema.
  const entries = list.flatMap((value, index) => lenient(() => [{ index, spec: parsePortSpec(value) }], []));
  for (const problem of portProblems(entries)) {
    ctx.addIssue({ code: "custom", path: problem.index === undefined ? [] : [problem.index], message: problem.message });
  }
});

export const ports = defineOption<PortBinding[]>({
  key: "ports",
  schema: portsInput,
  normalize: (value: Parameters<typeof parsePort>[0][]) => sortPorts(value.flatMap(parsePort)),
  whenUndeclared: () => [],
  write: (body, value) => {
    const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const p of value) {
      (bindings[portKey(p)] ??= []).push({ HostIp: p.hostIp, HostPort: p.host ? String(p.host) : "" });
    }
    body.HostConfig.PortBindings = bindings;
    // The engine silently skips a binding whose port is not exposed: expose every published port, as the CLI does.
    body.ExposedPorts = { ...body.ExposedPorts, ...Object.fromEntries(value.map((p) => [portKey(p), {}])) };
  },
  read: (info) =>
    sortPorts(
      Object.entries((info.HostConfig.PortBindings ?? {}) as Record<string, { HostIp?: string; HostPort?: string }[] | null>).flatMap(
        ([key, list]) => {
          const [port, protocol = "tcp"] = key.split("/");
          return (list ?? []).map((b) => ({
            container: Number(port),
            protocol: protocol as PortBinding["protocol"],
            // As the engine holds it: "0.0.0.0" (IPv4 only) is not "" (both families).
            hostIp: lenient(() => canonicalHostIp(b.HostIp ?? ""), b.HostIp ?? ""),
            host: b.HostPort ? Number(b.HostPort) : 0,
          }));
        },
      ),
    ),
  apply: "replace",
  exclusive: { held: heldHostPorts, deleteFirst: true, whileRunning: true },
});

/** Fixed host ports as "host port(s) hostIp:port/protocol"; ports not known yet or that do not parse may be any. */
function heldHostPorts(value: unknown): string[] {
  const ports = fixedHostPorts(value);
  if (ports === undefined) return ["host ports not known yet"];
  return ports.length ? [`host port${ports.length > 1 ? "s" : ""} ${ports.join(", ")}`] : [];
}

function fixedHostPorts(ports: unknown): string[] | undefined {
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
