// Published and exposed ports, as the Docker CLI reads them (`[ip:][hostPort:]containerPort[/protocol]`), kept as
// ranges until a value must be sent to the engine: checking `"1-65535:1-65535"` costs the same as checking `"80"`.
import { isIP } from "net";
import { quote } from "./messages";

export type Protocol = "tcp" | "udp" | "sctp";

export const PROTOCOLS: readonly Protocol[] = ["tcp", "udp", "sctp"];

/** A host has this many ports per protocol and address: no container can publish more on one protocol. */
const MAX_PORTS_PER_PROTOCOL = 65535;

export interface PortRange {
  start: number;
  end: number;
}

/** One `ports` entry, ranges not expanded. */
interface PortSpec {
  container: PortRange;
  /** Undefined: the engine picks a free host port for each container port. */
  host?: PortRange;
  /** Canonical host address; "" is every address of both families. */
  hostIp: string;
  protocol: Protocol;
}

/** One published port, as the engine holds it. */
export interface PortBinding {
  /** Port inside the container. */
  container: number;
  protocol: Protocol;
  /** Host address to bind; "" means every address (IPv4 and IPv6). */
  hostIp: string;
  /** Host port; 0 means the engine picks a free one. */
  host: number;
}

interface PortObject {
  container: number;
  host?: number;
  hostIp?: string;
  protocol?: Protocol;
}

const FORMS = '"[hostIp:][hostPort:]containerPort[/protocol]", e.g. "8080:80", "127.0.0.1:8080:80/udp" or "[::1]::80"';

function portNumber(text: string, what: string): number {
  if (!/^\d{1,10}$/.test(text)) throw new Error(`${what} ${quote(text)} is not a port number (1-65535)`);
  const n = Number(text);
  if (n < 1 || n > 65535) throw new Error(`${what} ${n} is outside 1-65535`);
  return n;
}

/** `"80"` or `"8000-8010"`. */
export function parsePortRange(text: string, what: string): PortRange {
  const m = /^([^-]*)-([^-]*)$/.exec(text);
  if (!m) {
    const n = portNumber(text, what);
    return { start: n, end: n };
  }
  const [start, end] = [portNumber(m[1], what), portNumber(m[2], what)];
  if (end < start) throw new Error(`${what} range ${quote(text)} ends before it starts`);
  return { start, end };
}

const size = (r: PortRange) => r.end - r.start + 1;

/**
 * A host address as the Docker CLI takes it: an IPv4 address or an IPv6 address (in brackets or not); anything
 * else is "invalid IP address", as with `docker run -p`. Canonical: IPv6 compressed and lower case, no brackets.
 */
export function canonicalHostIp(text: string): string {
  if (text === "") return "";
  const bare = /^\[.*\]$/.test(text) ? text.slice(1, -1) : text;
  // Go's net.ParseIP (the CLI's check) knows no zones ("fe80::1%eth0"), which Node's isIP accepts.
  const family = bare.includes("%") ? 0 : isIP(bare);
  if (family === 0) {
    throw new Error(`invalid IP address: ${quote(text)}; the host address is an IPv4 address or an IPv6 address in brackets, e.g. "127.0.0.1:8080:80" or "[::1]:8080:80" (host names such as localhost are not accepted)`);
  }
  return family === 4 ? bare : new URL(`http://[${bare}]/`).hostname.slice(1, -1);
}

/** `"tcp"`, `"udp"`, `"sctp"` in any case. */
function protocolOf(text: string): Protocol {
  const p = text.toLowerCase();
  if (!(PROTOCOLS as readonly string[]).includes(p)) throw new Error(`invalid protocol ${quote(text)}; expected tcp, udp or sctp`);
  return p as Protocol;
}

/** `"80"`, `"8080:80"`, `"127.0.0.1:8080:80/udp"`, `"[::1]::80"`, `"8000-8001:80-81"`, `80` or an object. */
export function parsePortSpec(value: string | number | PortObject): PortSpec {
  if (typeof value === "number") {
    const n = portNumber(String(value), "container port");
    return { container: { start: n, end: n }, hostIp: "", protocol: "tcp" };
  }
  if (typeof value === "object") {
    const { container, host, hostIp = "", protocol = "tcp" } = value;
    const port = (n: unknown, min: number) => typeof n === "number" && Number.isInteger(n) && n >= min && n <= 65535;
    if (!port(container, 1) || (host !== undefined && !port(host, 0)) || typeof hostIp !== "string" || !PROTOCOLS.includes(protocol)) {
      throw new Error("expected {container: 1-65535, host: 0-65535, hostIp: an IP address, protocol: tcp, udp or sctp}");
    }
    return {
      container: { start: container, end: container },
      host: host ? { start: host, end: host } : undefined,
      hostIp: canonicalHostIp(hostIp),
      protocol,
    };
  }
  const text = value.trim();
  // The CLI's split: the last part is the container port, the one before it the host port, the rest the address
  // (so an IPv6 address may come with or without brackets).
  const parts = text.split(":");
  const last = parts[parts.length - 1];
  const hostText = parts.length >= 2 ? parts[parts.length - 2] : "";
  const ipText = parts.length >= 3 ? parts.slice(0, -2).join(":") : "";
  const slash = last.indexOf("/");
  const containerText = slash < 0 ? last : last.slice(0, slash);
  if (containerText === "") throw new Error(`${quote(value)} names no container port; expected ${FORMS}`);
  if (/[^\d-]/.test(containerText) || /[^\d-]/.test(hostText)) {
    throw new Error(`${quote(value)} is not a port mapping; expected ${FORMS}`);
  }
  const protocol = slash < 0 ? "tcp" : protocolOf(last.slice(slash + 1));
  const hostIp = canonicalHostIp(ipText);
  const container = parsePortRange(containerText, "container port");
  const host = hostText ? parsePortRange(hostText, "host port") : undefined;
  if (host && size(host) !== size(container)) {
    throw new Error(
      `${quote(value)} maps ${size(host)} host port${size(host) > 1 ? "s" : ""} onto ${size(container)} container port${size(container) > 1 ? "s" : ""}; ` +
        `host and container ranges must have the same length`,
    );
  }
  return { container, host, hostIp, protocol };
}

/** Every binding of one entry (ranges expanded: callers hold inputs check has bounded). */
function expandPortSpec(spec: PortSpec): PortBinding[] {
  const out: PortBinding[] = [];
  for (let port = spec.container.start; port <= spec.container.end; port++) {
    const offset = port - spec.container.start;
    out.push({ container: port, protocol: spec.protocol, hostIp: spec.hostIp, host: spec.host ? spec.host.start + offset : 0 });
  }
  return out;
}

export function parsePort(value: string | number | PortObject): PortBinding[] {
  return expandPortSpec(parsePortSpec(value));
}

export function portKey(p: { container: number; protocol: string }): string {
  return `${p.container}/${p.protocol}`;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortPorts<T extends PortBinding>(ports: T[]): T[] {
  return [...ports].sort(
    (a, b) => a.container - b.container || compareText(a.protocol, b.protocol) || compareText(a.hostIp, b.hostIp) || a.host - b.host,
  );
}

/** The `port/protocol` keys of a list of ranges, each once (overlapping ranges merged before expanding). */
export function portKeys(specs: { container: PortRange; protocol: Protocol }[]): string[] {
  const keys: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = specs.filter((s) => s.protocol === protocol).map((s) => s.container).sort((a, b) => a.start - b.start);
    let next = 0;
    for (const r of ranges) {
      for (let port = Math.max(r.start, next); port <= r.end; port++) keys.push(`${port}/${protocol}`);
      next = Math.max(next, r.end + 1);
    }
  }
  return keys;
}

/** Addresses a host address shares ports with: "" is every address, 0.0.0.0 every IPv4 one, :: every IPv6 one. */
function covers(wide: string, ip: string): boolean {
  if (wide === ip) return false;
  if (wide === "") return true;
  if (wide === "0.0.0.0") return isIP(ip) === 4;
  if (wide === "::") return isIP(ip) === 6;
  return false;
}

interface Fixed {
  index: number;
  start: number;
  end: number;
}

/** Sorted by start, with the running maximum end and the entry holding it. */
function sweepable(list: Fixed[]): { sorted: Fixed[]; maxEnd: number[]; maxAt: number[] } {
  const sorted = [...list].sort((a, b) => a.start - b.start || a.index - b.index);
  const maxEnd: number[] = [];
  const maxAt: number[] = [];
  sorted.forEach((f, i) => {
    const prior = i ? maxEnd[i - 1] : -1;
    maxEnd.push(Math.max(prior, f.end));
    maxAt.push(f.end > prior ? f.index : maxAt[i - 1]);
  });
  return { sorted, maxEnd, maxAt };
}

/** An entry of `wide` whose range overlaps `f`, if any. */
function overlapping(wide: ReturnType<typeof sweepable>, f: Fixed): number | undefined {
  // The last range starting at or before f.end; any earlier range reaching f.start overlaps.
  let lo = 0;
  let hi = wide.sorted.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (wide.sorted[mid].start <= f.end) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at >= 0 && wide.maxEnd[at] >= f.start ? wide.maxAt[at] : undefined;
}

interface PortProblem {
  /** Index of the entry at fault, or undefined for the list as a whole. */
  index?: number;
  message: string;
}

/**
 * Host ports published twice: the engine creates such a container and it can never start ("address already in
 * use"). Two entries clash on the same protocol and host port when their addresses are the same, or one is every
 * address ("") or every address of the other's family (0.0.0.0, ::), as the engine's port allocator finds.
 * Also the bound on how many ports one container can publish. Time: O(n log n) in entries, ranges not expanded.
 */
export function portProblems(entries: { index: number; spec: PortSpec }[]): PortProblem[] {
  const problems: PortProblem[] = [];
  for (const protocol of PROTOCOLS) {
    const total = entries.filter((e) => e.spec.protocol === protocol).reduce((n, e) => n + size(e.spec.container), 0);
    if (total > MAX_PORTS_PER_PROTOCOL) {
      problems.push({ message: `publishes ${total} ${protocol} ports; a host has ${MAX_PORTS_PER_PROTOCOL} per protocol, so a container can publish at most that many` });
    }
  }
  const groups = new Map<string, { protocol: Protocol; ip: string; fixed: Fixed[] }>();
  for (const { index, spec } of entries) {
    if (!spec.host) continue;
    const key = `${spec.protocol} ${spec.hostIp}`;
    const group = groups.get(key) ?? { protocol: spec.protocol, ip: spec.hostIp, fixed: [] };
    group.fixed.push({ index, start: spec.host.start, end: spec.host.end });
    groups.set(key, group);
  }
  const clash = new Map<number, number>();
  const record = (a: number, b: number) => {
    const [earlier, later] = a < b ? [a, b] : [b, a];
    if (!clash.has(later)) clash.set(later, earlier);
  };
  const swept = new Map([...groups].map(([key, g]) => [key, sweepable(g.fixed)]));
  for (const [key, group] of groups) {
    // Within one address: neighbours in start order overlap when the running end reaches the next start.
    const { sorted, maxEnd, maxAt } = swept.get(key)!;
    for (let i = 1; i < sorted.length; i++) if (maxEnd[i - 1] >= sorted[i].start) record(maxAt[i - 1], sorted[i].index);
    // Across addresses: a wide address ("", 0.0.0.0, ::) against every address it covers.
    if (group.ip !== "" && group.ip !== "0.0.0.0" && group.ip !== "::") continue;
    for (const [otherKey, other] of groups) {
      if (other.protocol !== group.protocol || !covers(group.ip, other.ip)) continue;
      const wide = swept.get(key)!;
      for (const f of swept.get(otherKey)!.sorted) {
        const hit = overlapping(wide, f);
        if (hit !== undefined) record(hit, f.index);
      }
    }
  }
  const specs = new Map(entries.map((e) => [e.index, e.spec]));
  for (const [later, earlier] of [...clash].sort(([a], [b]) => a - b)) {
    const [a, b] = [specs.get(earlier)!, specs.get(later)!];
    const port = Math.max(a.host!.start, b.host!.start);
    const where = (ip: string) => (ip === "" ? "every address" : ip);
    problems.push({
      index: later,
      message:
        `host port ${port}/${b.protocol} on ${where(b.hostIp)} is already published by ports[${earlier}] (on ${where(a.hostIp)}): ` +
        `the container could never start; publish each host port once`,
    });
  }
  return problems;
}
