// Parsers for the forms Docker users write (CLI strings, docker-py lists and maps) into one canonical form.
import { parse as shellParse } from "shell-quote";
import { quote } from "./messages";

export type StringMap = Record<string, string>;

/**
 * A map of user keys, with no prototype: `__proto__`, `toString` or `constructor` are keys like any other (an
 * ordinary object would drop `__proto__=x` silently, and answer `"toString" in map`).
 */
export function userMap<T = string>(entries: Iterable<[string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** A key-sorted map of user keys (prototype-free, see userMap). */
export function sortedMap(entries: Iterable<[string, string]>): StringMap {
  return userMap([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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

export {
  canonicalHostIp,
  parsePort,
  parsePortSpec,
  portKey,
  sortPorts,
  type PortBinding,
  type PortObject,
  type PortSpec,
  type Protocol,
} from "./ports";

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/**
 * The largest whole number dockwright sends the engine: every larger one is beyond what a JavaScript number holds
 * exactly (and, from 2^63, beyond the engine's int64), so it could not be sent or compared as written.
 */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** `"512m"`, `"1.5g"`, `"64k"`, `"1024b"` or a number of bytes, as the Docker CLI reads sizes (units of 1024). */
export function parseSize(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${quote(value)} is not a size: expected a whole number of bytes from 0 to ${MAX_EXACT}`);
    return value;
  }
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(value.trim());
  if (!m) throw new Error(`${quote(value)} is not a size; expected bytes or a number with b, k, m, g or t, e.g. "512m"`);
  const amount = Number(m[1]);
  const bytes = Math.round(amount * SIZE_UNITS[m[2].toLowerCase()]);
  if (!Number.isSafeInteger(bytes)) throw new Error(`${quote(value)} is too large: sizes go up to ${MAX_EXACT} bytes (about 8191t)`);
  // A tiny size must not round to 0, which the engine reads as "no limit".
  if (bytes === 0 && amount > 0) throw new Error(`${quote(value)} is less than one byte`);
  return bytes;
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
