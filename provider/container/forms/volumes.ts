// Volumes as Docker users write them (`-v` strings, objects, docker-py maps) and as HostConfig.Binds holds them,
// and volumesFrom entries. Canonical values omit every default, so a value written in any form and the same value
// read back from inspect compare equal.
import { containerPath, hostPath } from "./paths";
import { quote } from "./messages";

/** Named volumes: a letter or digit, then letters, digits, '_', '.' or '-'. */
export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
export const PROPAGATIONS = ["shared", "rshared", "slave", "rslave", "private", "rprivate"] as const;
export const CONSISTENCIES = ["consistent", "cached", "delegated", "default"] as const;

export type Propagation = (typeof PROPAGATIONS)[number];
const ALL_MODES = new Set<string>(["ro", "rw", "z", "Z", "nocopy", ...PROPAGATIONS, ...CONSISTENCIES]);

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

/** `"other"`, `"other:rw"` (the default, dropped) or `"other:ro"`. */
export function canonicalVolumesFrom(entry: string): string {
  const m = /^([a-zA-Z0-9][a-zA-Z0-9_.-]*)(?::(ro|rw))?$/.exec(entry.trim().replace(/^\//, ""));
  if (!m) throw new Error(`${quote(entry)} is not a container to take volumes from; expected "name", "name:ro" or "name:rw"`);
  return m[2] === "ro" ? `${m[1]}:ro` : m[1];
}

