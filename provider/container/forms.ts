// Parsers for the forms Docker users write (CLI strings, docker-py lists and maps) into one canonical form.
import { parse as shellParse } from "shell-quote";

export type StringMap = Record<string, string>;

export function sortedMap(entries: Iterable<[string, string]>): StringMap {
  const out: StringMap = {};
  for (const [k, v] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

/** `{K: "v"}` or `["K=v"]` to a key-sorted map. */
export function parseKeyValues(value: Record<string, unknown> | string[]): StringMap {
  if (Array.isArray(value)) {
    return sortedMap(
      value.map((entry) => {
        const at = entry.indexOf("=");
        return [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return sortedMap(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

export function keyValueList(map: StringMap): string[] {
  return Object.entries(map).map(([k, v]) => `${k}=${v}`);
}

/** A command line as the Docker CLI's user would type it, split like a POSIX shell, variables kept literal. */
export function splitCommand(value: string): string[] {
  const parts = shellParse(value, (name: string) => `$${name}`);
  return parts.map((part) => {
    if (typeof part === "string") return part;
    if ("op" in part && part.op === "glob") return part.pattern;
    throw new Error(
      `contains the shell operator '${"op" in part ? part.op : "#"}'; ` +
        `write the command as a list, e.g. ["sh", "-c", "..."], to run it through a shell`,
    );
  });
}

export type Protocol = "tcp" | "udp" | "sctp";

export interface PortBinding {
  /** Port inside the container. */
  container: number;
  protocol: Protocol;
  /** Host address to bind; "" means every address. */
  hostIp: string;
  /** Host port; 0 means the engine picks a free one. */
  host: number;
}

export interface PortObject {
  container: number;
  host?: number;
  hostIp?: string;
  protocol?: Protocol;
}

function portNumber(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${what} '${text}' is not a port number`);
  const n = Number(text);
  if (n < 1 || n > 65535) throw new Error(`${what} ${n} is outside 1-65535`);
  return n;
}

function portRange(text: string, what: string): number[] {
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m) return [portNumber(text, what)];
  const [lo, hi] = [portNumber(m[1], what), portNumber(m[2], what)];
  if (hi < lo) throw new Error(`${what} range '${text}' ends before it starts`);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

function canonicalHostIp(ip: string): string {
  const bare = ip.replace(/^\[(.*)\]$/, "$1");
  return bare === "0.0.0.0" ? "" : bare;
}

/** `"80"`, `"8080:80"`, `"127.0.0.1:8080:80/udp"`, `"[::1]::80"`, `"8000-8001:80-81"`, `80` or an object. */
export function parsePort(value: string | number | PortObject): PortBinding[] {
  if (typeof value === "number") return [{ container: portNumber(String(value), "container port"), protocol: "tcp", hostIp: "", host: 0 }];
  if (typeof value === "object") {
    return [
      {
        container: value.container,
        protocol: value.protocol ?? "tcp",
        hostIp: canonicalHostIp(value.hostIp ?? ""),
        host: value.host ?? 0,
      },
    ];
  }
  const m = /^(?:(?:(\[[^\]]+\]|[^:[\]]*):)?([\d-]*):)?([\d-]+)(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
  if (!m) throw new Error(`'${value}' is not a port mapping; expected [[hostIp:]hostPort:]containerPort[/protocol]`);
  const [, hostIp = "", hostText = "", containerText, proto = "tcp"] = m;
  const containers = portRange(containerText, "container port");
  const hosts = hostText ? portRange(hostText, "host port") : [];
  if (hosts.length > 1 && hosts.length !== containers.length) {
    throw new Error(`'${value}' maps ${hosts.length} host ports onto ${containers.length} container ports`);
  }
  return containers.map((container, i) => ({
    container,
    protocol: proto.toLowerCase() as Protocol,
    hostIp: canonicalHostIp(hostIp),
    host: hosts.length === 0 ? 0 : hosts.length === 1 ? hosts[0] : hosts[i],
  }));
}

export function portKey(p: { container: number; protocol: string }): string {
  return `${p.container}/${p.protocol}`;
}

export function sortPorts<T extends PortBinding>(ports: T[]): T[] {
  return [...ports].sort(
    (a, b) => a.container - b.container || a.protocol.localeCompare(b.protocol) || a.hostIp.localeCompare(b.hostIp) || a.host - b.host,
  );
}

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `"512m"`, `"1.5g"`, `"64k"`, `"1024b"` or a number of bytes, as the Docker CLI reads sizes (units of 1024). */
export function parseSize(value: string | number): number {
  if (typeof value === "number") return value;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(value.trim());
  if (!m) throw new Error(`'${value}' is not a size; expected bytes or a number with b, k, m or g, e.g. "512m"`);
  return Math.round(Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()]);
}

export interface RestartPolicy {
  name: "no" | "always" | "unless-stopped" | "on-failure";
  maximumRetryCount: number;
}

/** `"always"`, `"on-failure:3"` or `{name, maximumRetryCount}`. */
export function parseRestart(value: string | { name: string; maximumRetryCount?: number }): RestartPolicy {
  if (typeof value === "string" && value.split(":").length > 2) {
    throw new Error(`'${value.slice(0, 40)}' has more than one ':'; expected on-failure:<retries>, e.g. on-failure:3`);
  }
  const [name, count] = typeof value === "string" ? value.split(":") : [value.name, value.maximumRetryCount];
  if (!["no", "always", "unless-stopped", "on-failure"].includes(name)) {
    throw new Error(`'${String(name).slice(0, 40)}' is not a restart policy; expected no, always, unless-stopped or on-failure[:retries]`);
  }
  if (count === "") {
    throw new Error(`'${value}' ends with ':' but gives no retry count; write ${name === "on-failure" ? "on-failure or on-failure:3" : name}`);
  }
  if (typeof count === "string" && !/^\d+$/.test(count)) throw new Error(`the retry count '${count.slice(0, 20)}' is not a whole number of 0 or more`);
  const retries = count === undefined ? 0 : Number(count);
  if (!Number.isSafeInteger(retries) || retries < 0) throw new Error(`the retry count must be a whole number of 0 or more`);
  if (retries > 0 && name !== "on-failure") throw new Error(`a retry count is only allowed with on-failure`);
  return { name: name as RestartPolicy["name"], maximumRetryCount: retries };
}

/** Bytes in the largest unit that divides them: 67108864 -> "64m". */
export function formatSize(bytes: number): string {
  for (const unit of ["t", "g", "m", "k"]) {
    if (bytes > 0 && bytes % SIZE_UNITS[unit] === 0) return `${bytes / SIZE_UNITS[unit]}${unit}`;
  }
  return String(bytes);
}

export function formatRestart(policy: RestartPolicy): string {
  return policy.maximumRetryCount ? `${policy.name}:${policy.maximumRetryCount}` : policy.name;
}
