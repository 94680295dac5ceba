// tmpfs mounts (HostConfig.Tmpfs): `{"/run": "size=64m"}` or `["/run:size=64m"]`, options in canonical form.
import { sortedMap, type StringMap } from "./key-values";
import { formatSize, parseSize } from "./size";
import { excerpt, quote } from "./messages";
import { containerPath } from "./paths";

const TMPFS_FLAGS = new Map<string, string>([
  ["rw", "access"],
  ["exec", "exec"], ["noexec", "exec"],
  ["suid", "suid"], ["nosuid", "suid"],
  ["dev", "dev"], ["nodev", "dev"],
  ["sync", "sync"], ["async", "sync"],
  ["dirsync", "dirsync"],
  ["atime", "atime"], ["noatime", "atime"],
  ["diratime", "diratime"], ["nodiratime", "diratime"],
  ["relatime", "relatime"], ["norelatime", "relatime"],
  ["strictatime", "strictatime"], ["nostrictatime", "strictatime"],
]);

/** Sizes as the kernel reads them (k, m, g suffixes), or a percentage of memory for `size`. */
function tmpfsSize(key: string, value: string): string {
  if (key === "size" && /^\d+%$/.test(value)) return value;
  if (!/^\d+(\.\d+)?\s*[bkmgt]?b?$/i.test(value)) {
    throw new Error(`${key}=${excerpt(value)} is not a size; expected bytes or a number with k, m or g, e.g. ${key}=64m${key === "size" ? " (or a percentage, 50%)" : ""}`);
  }
  return formatSize(parseSize(value));
}

/** The kernel's ids are 32-bit, and (uid_t)-1 means "no id". */
const MAX_ID = 2 ** 32 - 2;

function numericId(key: string, what: string, v: string): string {
  if (!/^\d{1,10}$/.test(v) || Number(v) > MAX_ID) throw new Error(`${key}=${excerpt(v)} is not a numeric ${what} id (0 to ${MAX_ID})`);
  return String(Number(v));
}

/** Options that take a value, by name (a Map: a user's "toString=64m" or "__proto__=1" is an unknown option). */
const TMPFS_DATA = new Map<string, (value: string, key: string) => string>([
  ["size", (v, k) => tmpfsSize(k, v)],
  ["nr_blocks", (v, k) => tmpfsSize(k, v)],
  ["nr_inodes", (v, k) => tmpfsSize(k, v)],
  [
    "mode",
    (v) => {
      if (!/^0?[0-7]{1,4}$/.test(v)) throw new Error(`mode=${excerpt(v)} is not an octal file mode such as 1777 or 755`);
      return parseInt(v, 8).toString(8);
    },
  ],
  ["uid", (v, k) => numericId(k, "user", v)],
  ["gid", (v, k) => numericId(k, "group", v)],
  ["mpol", (v) => v],
  [
    "huge",
    (v) => {
      if (!["never", "always", "within_size", "advise", "deny", "force"].includes(v)) throw new Error(`huge=${excerpt(v)}: expected never, always, within_size or advise`);
      return v;
    },
  ],
]);

/**
 * `"rw,size=64m,mode=1777"` to its canonical form: `rw` dropped (the default), sizes in the largest whole unit,
 * options sorted. Conflicting or unknown options fail here, not when the container starts.
 */
export function canonicalTmpfsOptions(text: string): string {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const raw of text.split(",").map((o) => o.trim()).filter(Boolean)) {
    const at = raw.indexOf("=");
    const key = at < 0 ? raw : raw.slice(0, at);
    if (key === "ro") throw new Error(`a read-only tmpfs is always empty: drop 'ro' (readOnly makes the root filesystem read-only)`);
    const parse = at < 0 ? undefined : TMPFS_DATA.get(key);
    const group = at < 0 ? TMPFS_FLAGS.get(key) : parse ? key : undefined;
    if (group === undefined) {
      throw new Error(`${quote(raw)} is not a tmpfs option; expected size=, mode=, uid=, gid=, nr_inodes=, nr_blocks=, mpol=, huge= or flags such as noexec, nosuid, nodev`);
    }
    if (seen.has(group)) throw new Error(`tmpfs options ${quote(seen.get(group))} and ${quote(raw)} conflict`);
    seen.set(group, raw);
    if (key === "rw") continue;
    out.push(parse ? `${key}=${parse(raw.slice(at + 1), key)}` : key);
  }
  return out.sort().join(",");
}

/** `{"/run": "size=64m"}` or `["/run:size=64m", "/tmp"]` to a target-sorted map of canonical options. */
export function parseTmpfs(value: Record<string, string> | string[]): StringMap {
  const entries: [string, string][] = Array.isArray(value)
    ? value.map((entry) => {
        const at = entry.indexOf(":");
        return at < 0 ? [entry, ""] : [entry.slice(0, at), entry.slice(at + 1)];
      })
    : Object.entries(value);
  const out = new Map<string, string>();
  for (const [target, options] of entries) {
    const path = containerPath(target, "tmpfs path");
    if (out.has(path)) throw new Error(`tmpfs ${path} is declared twice`);
    out.set(path, canonicalTmpfsOptions(options ?? ""));
  }
  return sortedMap(out);
}
