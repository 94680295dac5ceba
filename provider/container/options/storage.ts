// Volumes, mounts, tmpfs and the container's filesystem. The engine fixes all of them at create: a change
// replaces the container. Each option compares only what the program declares through it (HostConfig.Binds,
// .Mounts, .Tmpfs, ...), never inspect's top-level Mounts, so the image's VOLUME entries (anonymous volumes the
// engine adds) and volumes inherited through volumesFrom are not drift.
import { z } from "zod";
import { parseKeyValues, userMap, type StringMap } from "../forms/key-values";
import { containerIdOf, defineOption } from "./spec";
import { booleanInput, byType, isPlainObject, keyValueInput, userRecord } from "../forms/schemas";
import { issueFrom, parsedBy } from "../forms/issue";
import { lenient } from "../forms/lenient";
import { mountPointFailures, targetsOf } from "./mount-points";
import { hostField } from "./fields";
import { containerPath, sortByTarget } from "../forms/paths";
import { canonicalVolumesFrom, parseVolumeString, volumeFromObject, volumeString, type VolumeBind, type VolumeObject } from "../forms/volumes";
import { engineMount, mountFromEngine, mountInput, parseMount, type Mount, type MountObject } from "../forms/mounts";
import { canonicalTmpfsOptions, parseTmpfs } from "../forms/tmpfs";
import { canonicalStorageOpt } from "../forms/storage-opt";

// ---------------------------------------------------------------------------------------------------------------
// volumes

const PROPAGATION = z.enum(["shared", "rshared", "slave", "rslave", "private", "rprivate"], {
  error: "expected a propagation: rprivate (default), private, rshared, shared, rslave or slave",
});

const volumeObject = z
  .object({
    source: z.string().optional(),
    target: z.string({ error: "expected the path inside the container, e.g. /data" }),
    readOnly: booleanInput.optional(),
    propagation: PROPAGATION.optional(),
    selinuxLabel: z.enum(["z", "Z"], { error: 'expected "z" (shared) or "Z" (private)' }).optional(),
    noCopy: booleanInput.optional(),
  })
  .strict();

const volumeBind = (v: string | VolumeObject) => (typeof v === "string" ? parseVolumeString(v) : volumeFromObject(v));

const volumeEntry = byType<string | VolumeObject>(
  { string: z.string(), object: volumeObject },
  'expected "/host/path:/container/path[:ro]", "volume:/container/path", "/container/path" or {source, target, readOnly}',
  volumeBind,
);

/** docker-py's form: `{"/host/path": {bind: "/container/path", mode: "ro"}}`. */
const dockerPyVolumes = userRecord(
  z.object({ bind: z.string({ error: "expected the path inside the container" }), mode: z.string({ error: 'expected a mode such as "ro"' }).optional() }).strict(),
  { error: 'expected {"/host/path": {bind, mode}}', keyProblem: (source) => (source === "" ? "the source must not be empty" : undefined) },
);

type VolumesInput = (string | VolumeObject)[] | Record<string, { bind: string; mode?: string }>;

function volumeList(value: VolumesInput): VolumeBind[] {
  if (Array.isArray(value)) return value.map(volumeBind);
  return Object.entries(value).map(([source, { bind, mode }]) => parseVolumeString(mode ? `${source}:${bind}:${mode}` : `${source}:${bind}`));
}

export const volumes = defineOption<VolumeBind[]>({
  key: "volumes",
  schema: byType<VolumesInput>(
    { array: z.array(volumeEntry), object: dockerPyVolumes },
    'expected a list of volumes such as "/host:/data:ro", "cache:/cache" or "/scratch", or {"/host": {bind, mode}}',
  ).superRefine((value, ctx) => {
    // Entries of a list are checked one by one (volumeEntry); those of a docker-py map here, once the map is valid.
    if (Array.isArray(value) || !isPlainObject(value) || !dockerPyVolumes.safeParse(value).success) return;
    for (const [source, spec] of Object.entries(value)) {
      issueFrom(ctx, () => volumeList(userMap([[source, spec]])), [source]);
    }
  }),
  normalize: (value: VolumesInput) => sortByTarget(volumeList(value)),
  whenUndeclared: () => [],
  write: (body, value) => {
    body.HostConfig.Binds = value.map(volumeString);
  },
  // Binds are echoed as sent; anonymous volumes of the image's VOLUME list never appear here.
  read: (info) =>
    sortByTarget(
      ((info.HostConfig.Binds as string[] | null) ?? []).map((raw) =>
        lenient(() => parseVolumeString(raw), { source: raw, target: raw, readOnly: false, modes: ["unreadable"] }),
      ),
    ),
  apply: "replace",
  show: (value) => JSON.stringify(value.map(volumeString)),
  toInput: (value) => value.map(volumeString),
  mountTargets: (value: VolumesInput) =>
    Array.isArray(value) ? targetsOf([...value.entries()], (v) => volumeBind(v).target) : targetsOf(Object.entries(value), (spec) => containerPath(spec.bind)),
  // One check for every mount point, whichever option declares it: the engine refuses duplicates at create.
  crossCheck: (inputs, options) => mountPointFailures(options ?? [], inputs),
});

// ---------------------------------------------------------------------------------------------------------------
// mounts

const mountObject = z
  .object({
    type: z.enum(["bind", "volume", "tmpfs"], { error: 'expected type "bind", "volume" or "tmpfs"' }),
    source: z.string().optional(),
    target: z.string({ error: "expected the path inside the container, e.g. /data" }),
    readOnly: booleanInput.optional(),
    consistency: z.enum(["default", "consistent", "cached", "delegated"]).optional(),
    bindOptions: z.object({ propagation: PROPAGATION.optional(), nonRecursive: booleanInput.optional() }).strict().optional(),
    volumeOptions: z
      .object({
        noCopy: booleanInput.optional(),
        labels: userRecord(z.string({ error: "expected a string" }), { error: "expected a map of strings" }).optional(),
        driverConfig: z
          .object({
            name: z.string({ error: 'expected a volume driver name such as "local"' }).min(1, "the driver name must not be empty"),
            options: userRecord(z.string({ error: "expected a string" }), { error: "expected a map of strings" }).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    tmpfsOptions: z
      .object({
        size: z.union([z.number().int().nonnegative(), z.string()], { error: 'expected a size such as "64m"' }).optional(),
        mode: z.union([z.number().int(), z.string()], { error: 'expected an octal mode such as "1777"' }).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

type MountInput = string | z.infer<typeof mountObject>;

const mountEntry = byType<MountInput>(
  { string: z.string(), object: mountObject },
  'expected {type, source, target, ...} or a --mount string such as "type=bind,source=/host,target=/data,readonly"',
  (v) => parseMount(v as string | MountObject),
);

export const mounts = defineOption<Mount[]>({
  key: "mounts",
  schema: z.array(mountEntry, { error: "expected a list of mounts" }),
  normalize: (value: MountInput[]) => sortByTarget(value.map(parseMount)),
  whenUndeclared: () => [],
  write: (body, value) => {
    body.HostConfig.Mounts = value.map(engineMount) as never;
  },
  // HostConfig.Mounts is echoed as sent (inspect's top-level Mounts also lists image volumes: not used).
  read: (info) =>
    sortByTarget(
      ((info.HostConfig.Mounts as Parameters<typeof mountFromEngine>[0][] | null | undefined) ?? []).map((raw) =>
        lenient(() => mountFromEngine(raw), { type: raw.Type as Mount["type"], source: raw.Source, target: raw.Target ?? "", readOnly: true }),
      ),
    ),
  apply: "replace",
  // Volume driver options can carry credentials (a CIFS password in "o"): their values are never shown.
  show: (value) => JSON.stringify(value.map(mountInput), (key, v) => (key === "options" && v && typeof v === "object" ? hideValues(v) : v)),
  toInput: (value) => value.map(mountInput),
  mountTargets: (value: MountInput[]) => targetsOf([...value.entries()], (m) => parseMount(m).target),
});

function hideValues(options: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.keys(options).map((k) => [k, "(not shown)"]));
}

// ---------------------------------------------------------------------------------------------------------------
// tmpfs

type TmpfsInput = Record<string, string> | string[];

export const tmpfs = defineOption<StringMap>({
  key: "tmpfs",
  schema: byType<TmpfsInput>(
    {
      object: userRecord(z.string({ error: 'expected the mount options as a string, e.g. "size=64m,noexec" ("" for none)' }), {
        error: 'expected a map {"/run": "size=64m"} or a list such as ["/run:size=64m,noexec", "/tmp"]',
      }),
      array: z.array(z.string({ error: 'expected "/path[:options]", e.g. "/run:size=64m"' })),
    },
    'expected a map {"/run": "size=64m"} or a list such as ["/run:size=64m,noexec", "/tmp"]',
  )
    .superRefine((value, ctx) => {
      // Each entry once the form itself is valid (every path and option list a string).
      const strings = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
      if (!strings.length || strings.some((s) => typeof s !== "string")) return;
      const entries: [PropertyKey, string, string][] = Array.isArray(value)
        ? value.map((e, i) => [i, e.split(":")[0], e.includes(":") ? e.slice(e.indexOf(":") + 1) : ""])
        : Object.entries(value as Record<string, string>).map(([t, o]) => [t, t, o]);
      // Two entries for one path are reported by volumes' crossCheck, with the other mount points.
      for (const [path, target, options] of entries) {
        issueFrom(ctx, () => {
          containerPath(target, "tmpfs path");
          canonicalTmpfsOptions(options);
        }, [path]);
      }
    }),
  normalize: (value: TmpfsInput) => parseTmpfs(value),
  whenUndeclared: () => userMap(),
  write: (body, value) => {
    body.HostConfig.Tmpfs = value;
  },
  read: (info) => {
    const raw = ((info.HostConfig as { Tmpfs?: StringMap | null }).Tmpfs ?? {}) as StringMap;
    return lenient(() => parseTmpfs(raw), raw);
  },
  apply: "replace",
  mountTargets: (value: TmpfsInput) =>
    Array.isArray(value)
      ? targetsOf([...value.entries()], (entry) => containerPath(entry.split(":")[0]))
      : targetsOf(Object.keys(value).map((target) => [target, target]), (target) => containerPath(target)),
});

// ---------------------------------------------------------------------------------------------------------------
// volumesFrom, volumeDriver, storageOpt

function volumesFromList(value: string | string[]): string[] {
  return [...new Set((Array.isArray(value) ? value : [value]).map(canonicalVolumesFrom))];
}

const withoutMode = (entry: string) => entry.replace(/:ro$/, "");

export const volumesFrom = defineOption<string[]>({
  key: "volumesFrom",
  schema: z
    .union([z.string(), z.array(z.string())], { error: 'expected a container name or a list of them, each "name" or "name:ro"' })
    .superRefine((value, ctx) => {
      (Array.isArray(value) ? value : [value]).forEach((entry, i) =>
        issueFrom(ctx, () => canonicalVolumesFrom(entry), Array.isArray(value) ? [i] : []),
      );
    }),
  containerRefs: (value: string | string[]) => volumesFromList(value).map(withoutMode),
  // Names become the ids they stand for, and the create body carries ids: the engine echoes VolumesFrom as sent,
  // so a container of that name replaced since (other volumes) shows as a change. Order is kept: where two
  // containers mount the same path, the later one wins.
  normalize: (value: string | string[], ctx) =>
    [...new Set(volumesFromList(value).map((entry) => {
      const ref = withoutMode(entry);
      return `${containerIdOf(ctx, ref) ?? ref}${entry.slice(ref.length)}`;
    }))],
  whenUndeclared: () => [],
  write: (body, value) => {
    body.HostConfig.VolumesFrom = value;
  },
  read: (info) => {
    const raw = (info.HostConfig.VolumesFrom as string[] | null) ?? [];
    return lenient(() => volumesFromList(raw), raw);
  },
  apply: "replace",
});

const volumeDriver = hostField<string>({
  key: "volumeDriver",
  field: "VolumeDriver",
  schema: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'expected a volume driver or plugin name such as "local" or "vieux/sshfs"'),
  whenUndeclared: () => "",
  read: (raw) => (raw as string | undefined) ?? "",
});

type StorageOptInput = Record<string, string | number> | string[];

export const storageOpt = defineOption<StringMap>({
  key: "storageOpt",
  schema: keyValueInput({
    error: 'expected a map such as {size: "10g"}, or a list of key=value strings',
    scalars: "string or number",
    entry: "entries are written key=value, e.g. size=10g",
  }).pipe(z.custom<StorageOptInput>().superRefine(parsedBy((value: StorageOptInput) => canonicalStorageOpt(parseKeyValues(value))))),
  normalize: (value: StorageOptInput) => canonicalStorageOpt(parseKeyValues(value)),
  whenUndeclared: () => userMap(),
  write: (body, value) => {
    body.HostConfig.StorageOpt = value;
  },
  read: (info) => {
    const raw = ((info.HostConfig as { StorageOpt?: StringMap | null }).StorageOpt ?? {}) as StringMap;
    return lenient(() => canonicalStorageOpt(raw), raw);
  },
  apply: "replace",
});

export const STORAGE_OPTIONS = [volumes, mounts, tmpfs, volumesFrom, volumeDriver, storageOpt];
