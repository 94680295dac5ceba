// Parsers for the storage forms Docker users write (`-v` strings, `--mount` strings, docker-py maps, tmpfs
// option strings) into one canonical form, and back. Canonical values omit every default, so a value written in
// any form and the same value read back from inspect compare equal.
import { sortedMap, type StringMap } from "./key-values";
import { formatSize, parseSize } from "./size";
import { excerpt, quote } from "./messages";

/** Absolute container path, trailing slashes stripped (the engine strips them too). */
export function containerPath(path: string, what = "container path"): string {
  if (!path.startsWith("/")) throw new Error(`${what} ${quote(path)} must be absolute, e.g. /data`);
  return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
}

function hostPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
}

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const PROPAGATIONS = ["shared", "rshared", "slave", "rslave", "private", "rprivate"] as const;
const CONSISTENCIES = ["consistent", "cached", "delegated", "default"] as const;

export type Propagation = (typeof PROPAGATIONS)[number];
const ALL_MODES = new Set<string>(["ro", "rw", "z", "Z", "nocopy", ...PROPAGATIONS, ...CONSISTENCIES]);

// ---------------------------------------------------------------------------------------------------------------
// volumes: HostConfig.Binds

/** One entry of `volumes`: a bind (absolute host path), a named volume, or an anonymous volume (no source). */
export interface VolumeBind {
  /** Host path, volume name, or "" for an anonymous volume. */
  source: string;
  target: string;
  readOnly: boolean;
  /** Further modes (`z`/`Z`, propagation other than rprivate, `nocopy`, consistency other than consistent), sorted. */
  modes: string[];
}

export interface VolumeObject {
  source?: string;
  target: string;
  readOnly?: boolean;
  propagation?: Propagation;
  /** SELinux relabeling: `z` shared between containers, `Z` private to this one. */
  selinuxLabel?: "z" | "Z";
  noCopy?: boolean;
}

function sourceKind(source: string): "bind" | "volume" | "anonymous" {
  if (source === "") return "anonymous";
  if (source.startsWith("/")) return "bind";
  if (VOLUME_NAME.test(source)) return "volume";
  throw new Error(
    `source ${quote(source)} is neither an absolute host path nor a volume name (2 or more letters, digits, '_', '.', '-'); ` +
      `write host paths absolute (e.g. path.resolve("${source}"))`,
  );
}

/** The mode list after the second `:` (`ro,z`), checked against the kind of source, defaults dropped. */
function parseModes(text: string, source: string): { readOnly: boolean; modes: string[] } {
  const kind = sourceKind(source);
  const seen = new Map<string, string>();
  const claim = (group: string, mode: string) => {
    if (seen.has(group)) throw new Error(`modes ${quote(seen.get(group))} and ${quote(mode)} conflict`);
    seen.set(group, mode);
  };
  for (const mode of text.split(",")) {
    if (mode === "ro" || mode === "rw") claim("access", mode);
    else if (mode === "z" || mode === "Z") claim("selinux", mode);
    else if ((PROPAGATIONS as readonly string[]).includes(mode)) {
      if (kind !== "bind") throw new Error(`propagation ${quote(mode)} applies to bind mounts (host paths) only`);
      claim("propagation", mode);
    } else if (mode === "nocopy") {
      if (kind !== "volume") throw new Error(`'nocopy' applies to named volumes only`);
      claim("nocopy", mode);
    } else if ((CONSISTENCIES as readonly string[]).includes(mode)) claim("consistency", mode);
    else {
      throw new Error(`${quote(mode)} is not a volume mode; expected ro, rw, z, Z, nocopy, a propagation (rshared, rslave, ...) or cached/delegated`);
    }
  }
  const modes = [...seen.entries()]
    .filter(([group, mode]) => group !== "access" && !(group === "propagation" && mode === "rprivate") && !(group === "consistency" && (mode === "consistent" || mode === "default")))
    .map(([, mode]) => mode)
    .sort();
  return { readOnly: seen.get("access") === "ro", modes };
}

function volumeBind(source: string, target: string, modeText: string | undefined): VolumeBind {
  const cleanSource = source === "" || !source.startsWith("/") ? source : hostPath(source);
  sourceKind(cleanSource);
  const cleanTarget = containerPath(target);
  if (modeText === undefined || modeText === "") return { source: cleanSource, target: cleanTarget, readOnly: false, modes: [] };
  // The engine refuses any mode on an anonymous volume in Binds ("/data:ro" is an invalid specification).
  if (cleanSource === "") throw new Error(`an anonymous volume takes no mode; use mounts: {type: "volume", target, readOnly: true}`);
  return { source: cleanSource, target: cleanTarget, ...parseModes(modeText, cleanSource) };
}

/** `"/ctr"`, `"/host:/ctr"`, `"data:/ctr:ro"`, `"/host:/ctr:ro,z,rshared"`. */
export function parseVolumeString(spec: string): VolumeBind {
  const parts = spec.split(":");
  if (parts.length === 1) return volumeBind("", parts[0], undefined);
  if (parts.length === 2 && parts[0].startsWith("/") && parts[1].split(",").every((mode) => ALL_MODES.has(mode))) {
    // "/data:ro": the CLI's anonymous-volume-with-mode, which the engine refuses.
    return volumeBind("", parts[0], parts[1]);
  }
  if (parts.length === 2 || parts.length === 3) {
    if (parts[0] === "") throw new Error(`${quote(spec)} has an empty source`);
    return volumeBind(parts[0], parts[1], parts[2]);
  }
  throw new Error(`${quote(spec)} is not a volume; expected "/container/path", "source:/container/path" or "source:/container/path:mode"`);
}

export function volumeFromObject(value: VolumeObject): VolumeBind {
  const modes = [
    value.readOnly ? "ro" : undefined,
    value.propagation,
    value.selinuxLabel,
    value.noCopy ? "nocopy" : undefined,
  ].filter((m): m is string => m !== undefined);
  return volumeBind(value.source ?? "", value.target, modes.length ? modes.join(",") : undefined);
}

/** The `-v` string the engine receives (and echoes in HostConfig.Binds). */
export function volumeString(v: VolumeBind): string {
  const modes = [...(v.readOnly ? ["ro"] : []), ...v.modes];
  return [v.source, v.target, modes.join(",")].filter((part) => part !== "").join(":");
}

export function sortByTarget<T extends { target: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------------
// tmpfs: HostConfig.Tmpfs

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

// ---------------------------------------------------------------------------------------------------------------
// mounts: HostConfig.Mounts

export type MountType = "bind" | "volume" | "tmpfs";

/** Canonical mount: optional keys are absent when they hold the engine's default. */
export interface Mount {
  type: MountType;
  /** Absent for tmpfs and anonymous volumes. */
  source?: string;
  target: string;
  readOnly?: true;
  consistency?: "cached" | "delegated";
  bindOptions?: { propagation?: Propagation; nonRecursive?: true };
  volumeOptions?: { noCopy?: true; labels?: StringMap; driverConfig?: { name: string; options?: StringMap } };
  /** Size in bytes, mode as a number (0o1777). */
  tmpfsOptions?: { size?: number; mode?: number };
}

export interface MountObject {
  type: MountType;
  source?: string;
  target: string;
  readOnly?: boolean;
  consistency?: string;
  bindOptions?: { propagation?: Propagation; nonRecursive?: boolean };
  volumeOptions?: { noCopy?: boolean; labels?: Record<string, string>; driverConfig?: { name: string; options?: Record<string, string> } };
  tmpfsOptions?: { size?: number | string; mode?: number | string };
}

/** A file mode: a number (write 0o1777) or octal digits as a string ("1777"). */
export function parseMode(value: number | string): number {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0 || value > 0o7777) throw new Error(`mode ${value} is not a file mode (0 to 0o7777)`);
    return value;
  }
  if (!/^0?[0-7]{1,4}$/.test(value)) throw new Error(`mode ${quote(value)} is not an octal file mode such as "1777" or "755"`);
  return parseInt(value, 8);
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length ? value : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Any mount object (user input, or the engine's echo converted to camelCase) to the canonical form. */
export function canonicalMount(m: MountObject): Mount {
  const target = containerPath(m.target, "mount target");
  const wrongOptions = (
    [["bindOptions", "bind"], ["volumeOptions", "volume"], ["tmpfsOptions", "tmpfs"]] as const
  ).find(([field, type]) => m[field] !== undefined && m.type !== type);
  if (wrongOptions) throw new Error(`${wrongOptions[0]} applies to type "${wrongOptions[1]}" only, not "${m.type}"`);
  if (m.consistency !== undefined && !(CONSISTENCIES as readonly string[]).includes(m.consistency)) {
    throw new Error(`consistency ${quote(m.consistency)} is not one of consistent, cached, delegated`);
  }
  let source: string | undefined = m.source === "" ? undefined : m.source;
  if (m.type === "bind") {
    if (source === undefined) throw new Error(`a bind mount needs a source: an absolute host path`);
    if (!source.startsWith("/")) throw new Error(`bind source ${quote(source)} must be an absolute host path`);
    source = hostPath(source);
  } else if (m.type === "volume") {
    if (source !== undefined && !VOLUME_NAME.test(source)) throw new Error(`volume source ${quote(source)} is not a volume name (letters, digits, '_', '.', '-')`);
  } else if (source !== undefined) {
    throw new Error(`a tmpfs mount takes no source`);
  } else if (m.readOnly) {
    throw new Error(`a read-only tmpfs is always empty: drop readOnly`);
  }
  const bind = m.bindOptions;
  const vol = m.volumeOptions;
  const tmp = m.tmpfsOptions;
  const driver = vol?.driverConfig;
  const labels = vol?.labels && Object.keys(vol.labels).length ? sortedMap(Object.entries(vol.labels)) : undefined;
  const driverOptions = driver?.options && Object.keys(driver.options).length ? sortedMap(Object.entries(driver.options)) : undefined;
  const size = tmp?.size === undefined ? undefined : parseSize(tmp.size);
  const mode = tmp?.mode === undefined ? undefined : parseMode(tmp.mode);
  return compact<Mount>({
    type: m.type,
    source,
    target,
    readOnly: m.readOnly ? true : undefined,
    consistency: m.consistency === "cached" || m.consistency === "delegated" ? m.consistency : undefined,
    bindOptions: bind
      ? nonEmpty(compact({ propagation: bind.propagation === "rprivate" ? undefined : bind.propagation, nonRecursive: bind.nonRecursive ? (true as const) : undefined }))
      : undefined,
    volumeOptions: vol
      ? nonEmpty(compact({ noCopy: vol.noCopy ? (true as const) : undefined, labels, driverConfig: driver?.name ? compact({ name: driver.name, options: driverOptions }) : undefined }))
      : undefined,
    // Size 0 and mode 0 are the engine's "not set".
    tmpfsOptions: tmp ? nonEmpty(compact({ size: size || undefined, mode: mode || undefined })) : undefined,
  });
}

function flag(key: string, value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  throw new Error(`${key}=${excerpt(value)}: expected true or false`);
}

/** Comma-separated fields as the CLI reads them (CSV): a field in double quotes may hold commas. */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && quoted && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  if (quoted) throw new Error(`${quote(text)} has an unclosed double quote`);
  return [...fields, field];
}

/**
 * The CLI's `--mount` string (CSV: quote a field that holds commas, `"volume-opt=o=addr=10.0.0.1,rw"`): `type=bind,source=/a,target=/b,readonly,bind-propagation=rshared`,
 * `type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1777`, `type=volume,src=data,dst=/d,volume-label=k=v`.
 * The type defaults to volume, as in the CLI.
 */
export function parseMountString(spec: string): MountObject {
  const m: MountObject & { target?: string } = { type: "volume" } as MountObject;
  const bind: NonNullable<MountObject["bindOptions"]> = {};
  const vol: NonNullable<MountObject["volumeOptions"]> = {};
  const tmp: NonNullable<MountObject["tmpfsOptions"]> = {};
  let target: string | undefined;
  for (const field of csvFields(spec)) {
    const at = field.indexOf("=");
    const key = (at < 0 ? field : field.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? undefined : field.slice(at + 1);
    const need = () => {
      if (value === undefined || value === "") throw new Error(`${quote(key)} needs a value, e.g. ${key}=...`);
      return value;
    };
    const pair = () => {
      const text = need();
      const eq = text.indexOf("=");
      if (eq <= 0) throw new Error(`${key}=${excerpt(text)}: expected ${key}=name=value`);
      return [text.slice(0, eq), text.slice(eq + 1)] as const;
    };
    switch (key) {
      case "type": {
        const type = need();
        if (type !== "bind" && type !== "volume" && type !== "tmpfs") throw new Error(`type ${quote(type)} is not bind, volume or tmpfs`);
        m.type = type;
        break;
      }
      case "source": case "src": m.source = need(); break;
      case "target": case "destination": case "dst": target = need(); break;
      case "readonly": case "ro": m.readOnly = flag(key, value); break;
      case "consistency": m.consistency = need(); break;
      case "bind-propagation": {
        const p = need();
        if (!(PROPAGATIONS as readonly string[]).includes(p)) throw new Error(`bind-propagation ${quote(p)} is not one of ${PROPAGATIONS.join(", ")}`);
        bind.propagation = p as Propagation;
        break;
      }
      case "bind-nonrecursive": bind.nonRecursive = flag(key, value); break;
      case "volume-nocopy": vol.noCopy = flag(key, value); break;
      case "volume-driver": vol.driverConfig = { ...vol.driverConfig, name: need() }; break;
      case "volume-label": { const [k, v] = pair(); vol.labels = { ...vol.labels, [k]: v }; break; }
      case "volume-opt": {
        const [k, v] = pair();
        vol.driverConfig = { name: vol.driverConfig?.name ?? "", options: { ...vol.driverConfig?.options, [k]: v } };
        break;
      }
      case "tmpfs-size": tmp.size = need(); break;
      case "tmpfs-mode": tmp.mode = need(); break;
      default:
        throw new Error(`${quote(key)} is not a --mount field; expected type, source, target, readonly, bind-propagation, volume-nocopy, volume-label, volume-driver, volume-opt, tmpfs-size or tmpfs-mode`);
    }
  }
  if (target === undefined) throw new Error(`${quote(spec)} has no target: add target=/path/in/container`);
  if (vol.driverConfig && !vol.driverConfig.name) throw new Error(`volume-opt needs volume-driver too`);
  return {
    ...m,
    target,
    ...(Object.keys(bind).length ? { bindOptions: bind } : {}),
    ...(Object.keys(vol).length ? { volumeOptions: vol } : {}),
    ...(Object.keys(tmp).length ? { tmpfsOptions: tmp } : {}),
  };
}

export function parseMount(value: string | MountObject): Mount {
  return canonicalMount(typeof value === "string" ? parseMountString(value) : value);
}

/** The create body's Mount entry (the engine echoes it in HostConfig.Mounts as sent). */
export function engineMount(m: Mount): Record<string, unknown> {
  return compact({
    Type: m.type,
    Source: m.source,
    Target: m.target,
    ReadOnly: m.readOnly,
    Consistency: m.consistency,
    BindOptions: m.bindOptions && compact({ Propagation: m.bindOptions.propagation, NonRecursive: m.bindOptions.nonRecursive }),
    VolumeOptions:
      m.volumeOptions &&
      compact({
        NoCopy: m.volumeOptions.noCopy,
        Labels: m.volumeOptions.labels,
        DriverConfig: m.volumeOptions.driverConfig && compact({ Name: m.volumeOptions.driverConfig.name, Options: m.volumeOptions.driverConfig.options }),
      }),
    TmpfsOptions: m.tmpfsOptions && compact({ SizeBytes: m.tmpfsOptions.size, Mode: m.tmpfsOptions.mode }),
  });
}

interface EngineMount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean } | null;
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string> | null; DriverConfig?: { Name?: string; Options?: Record<string, string> | null } | null } | null;
  TmpfsOptions?: { SizeBytes?: number; Mode?: number } | null;
}

/** HostConfig.Mounts entry back to the canonical form. */
export function mountFromEngine(e: EngineMount): Mount {
  const driver = e.VolumeOptions?.DriverConfig;
  return canonicalMount({
    type: e.Type as MountType,
    source: e.Source,
    target: e.Target ?? "",
    readOnly: e.ReadOnly,
    consistency: e.Consistency || undefined,
    bindOptions: e.BindOptions ? { propagation: (e.BindOptions.Propagation || undefined) as Propagation | undefined, nonRecursive: e.BindOptions.NonRecursive } : undefined,
    volumeOptions: e.VolumeOptions
      ? {
          noCopy: e.VolumeOptions.NoCopy,
          labels: e.VolumeOptions.Labels ?? undefined,
          driverConfig: driver?.Name ? { name: driver.Name, options: driver.Options ?? undefined } : undefined,
        }
      : undefined,
    tmpfsOptions: e.TmpfsOptions ? { size: e.TmpfsOptions.SizeBytes, mode: e.TmpfsOptions.Mode } : undefined,
  });
}

/** The canonical mount as users write it: sizes as "64m", modes as octal strings. */
export function mountInput(m: Mount): MountObject {
  const { tmpfsOptions, ...rest } = m;
  if (!tmpfsOptions) return rest;
  return {
    ...rest,
    tmpfsOptions: compact({
      size: tmpfsOptions.size === undefined ? undefined : formatSize(tmpfsOptions.size),
      mode: tmpfsOptions.mode === undefined ? undefined : tmpfsOptions.mode.toString(8),
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// volumesFrom, storageOpt

/** `"other"`, `"other:rw"` (the default, dropped) or `"other:ro"`. */
export function canonicalVolumesFrom(entry: string): string {
  const m = /^([a-zA-Z0-9][a-zA-Z0-9_.-]*)(?::(ro|rw))?$/.exec(entry.trim().replace(/^\//, ""));
  if (!m) throw new Error(`${quote(entry)} is not a container to take volumes from; expected "name", "name:ro" or "name:rw"`);
  return m[2] === "ro" ? `${m[1]}:ro` : m[1];
}

/** Storage driver options; `size` in the largest whole unit, as the drivers read sizes. */
export function canonicalStorageOpt(map: StringMap): StringMap {
  return sortedMap(
    Object.entries(map).map(([k, v]) => {
      if (k.toLowerCase() !== "size") return [k, v];
      return [k, formatSize(parseSize(v))];
    }),
  );
}
