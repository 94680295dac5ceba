// Mounts (HostConfig.Mounts): objects, or the CLI's `--mount` strings, to one canonical form and back.
import { sortedMap, type StringMap } from "./key-values";
import { formatSize, parseSize } from "./size";
import { excerpt, quote } from "./messages";
import { containerPath, hostPath } from "./paths";
import { CONSISTENCIES, PROPAGATIONS, VOLUME_NAME, type Propagation } from "./volumes";

type MountType = "bind" | "volume" | "tmpfs";

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
function parseMode(value: number | string): number {
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
function canonicalMount(m: MountObject): Mount {
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
