// Host devices, device cgroup rules and GPU requests. The engine fixes them at create (its update endpoint
// ignores Devices and DeviceCgroupRules): a change replaces. It checks none of them at create: a missing device or a
// bad rule fails the start, a GPU request without a GPU driver fails the start.
import type Docker from "dockerode";
import { z } from "zod";
import { quote } from "../forms/messages";
import { parsedBy } from "../forms/issue";
import { lenient } from "../forms/lenient";
import { defineOption } from "./spec";

export interface Device {
  pathOnHost: string;
  pathInContainer: string;
  /** Some of r, w, m, always in that order. */
  cgroupPermissions: string;
}

const PERMISSIONS = /^(?!.*(.).*\1)[rwm]{1,3}$/;

/** `"mr"` to `"rm"`: one spelling per set of permissions. */
export function permissions(value: string): string {
  if (!PERMISSIONS.test(value)) throw new Error(`${quote(value)} is not a device permission set; expected some of r, w and m, e.g. "rwm"`);
  return ["r", "w", "m"].filter((p) => value.includes(p)).join("");
}

function absolute(path: string, what: string): string {
  if (!path.startsWith("/")) throw new Error(`${what} ${quote(path)} must be an absolute path, e.g. /dev/fuse`);
  return path;
}

type DeviceInput = string | { pathOnHost: string; pathInContainer?: string; cgroupPermissions?: string };

/** `"/dev/fuse"`, `"/dev/fuse:rw"`, `"/dev/fuse:/dev/f"`, `"/dev/fuse:/dev/f:rwm"` or an object, as the CLI reads them. */
export function parseDevice(value: DeviceInput): Device {
  if (typeof value === "object") {
    const host = absolute(value.pathOnHost, "pathOnHost");
    return {
      pathOnHost: host,
      pathInContainer: absolute(value.pathInContainer || host, "pathInContainer"),
      cgroupPermissions: permissions(value.cgroupPermissions ?? "rwm"),
    };
  }
  const parts = value.split(":");
  if (parts.length > 3 || parts.some((p) => !p)) {
    throw new Error(`${quote(value)} is not a device; expected hostPath[:containerPath][:permissions], e.g. "/dev/fuse:/dev/fuse:rwm"`);
  }
  const [host, second, third] = parts;
  // Like the CLI: a second part that is a permission set is the permissions, not a path.
  const secondIsPermissions = parts.length === 2 && PERMISSIONS.test(second);
  return {
    pathOnHost: absolute(host, "host path"),
    pathInContainer: absolute(parts.length === 1 || secondIsPermissions ? host : second, "container path"),
    cgroupPermissions: permissions(third ?? (secondIsPermissions ? second : "rwm")),
  };
}

const byPath = (a: Device, b: Device) => (a.pathInContainer < b.pathInContainer ? -1 : a.pathInContainer > b.pathInContainer ? 1 : 0);

function sortedDevices(list: Device[]): Device[] {
  const seen = new Map(list.map((d) => [JSON.stringify(d), d]));
  return [...seen.values()].sort(byPath);
}

const deviceInput = z
  .union(
    [
      z.string(),
      z.object({ pathOnHost: z.string(), pathInContainer: z.string().optional(), cgroupPermissions: z.string().optional() }).strict(),
    ],
    { error: 'expected "hostPath[:containerPath][:permissions]" or {pathOnHost, pathInContainer, cgroupPermissions}' },
  )
  .superRefine(parsedBy(parseDevice));

const devices = defineOption<Device[]>({
  key: "devices",
  schema: z.array(deviceInput, { error: "expected a list of devices" }).superRefine((list, ctx) => {
    const paths = new Map<string, number>();
    list.forEach((entry, i) => {
      // An entry that does not parse is reported by its own schema.
      const path = lenient(() => parseDevice(entry).pathInContainer, undefined);
      if (path === undefined) return;
      if (paths.has(path)) ctx.addIssue({ code: "custom", message: `${path} is mapped twice in the container`, path: [i] });
      paths.set(path, i);
    });
  }),
  normalize: (value: DeviceInput[]) => sortedDevices(value.map(parseDevice)),
  whenUndeclared: () => [],
  write: (body, value) => {
    // Permissions are always sent: an empty CgroupPermissions makes the start fail.
    body.HostConfig.Devices = value.map((d) => ({ PathOnHost: d.pathOnHost, PathInContainer: d.pathInContainer, CgroupPermissions: d.cgroupPermissions }));
  },
  read: (info) =>
    sortedDevices(
      ((info.HostConfig.Devices ?? []) as Docker.DeviceMapping[]).map((d) => ({
        pathOnHost: d.PathOnHost,
        // The engine uses the host path when the container path is empty.
        pathInContainer: d.PathInContainer || d.PathOnHost,
        cgroupPermissions: PERMISSIONS.test(d.CgroupPermissions) ? permissions(d.CgroupPermissions) : d.CgroupPermissions,
      })),
    ),
  show: (value) => (value.length ? value.map((d) => `${d.pathOnHost}:${d.pathInContainer}:${d.cgroupPermissions}`).join(", ") : "none"),
  toInput: (value) => value.map((d) => `${d.pathOnHost}:${d.pathInContainer}:${d.cgroupPermissions}`),
  apply: "replace",
});

const RULE = /^([acb]) (\d+|\*):(\d+|\*) ([rwm]{1,3})$/;

/** `"c 1:3 mr"` (type a, b or c; major:minor, each a number or *; permissions) with permissions in r, w, m order. */
export function parseDeviceCgroupRule(value: string): string {
  const m = RULE.exec(value.trim().replace(/\s+/g, " "));
  if (!m) throw new Error(`${quote(value)} is not a device cgroup rule; expected "type major:minor permissions", e.g. "c 1:3 mr" or "b 8:* rw"`);
  return `${m[1]} ${m[2]}:${m[3]} ${permissions(m[4])}`;
}

const deviceCgroupRules = defineOption<string[]>({
  key: "deviceCgroupRules",
  schema: z.array(z.string().superRefine(parsedBy(parseDeviceCgroupRule)), { error: 'expected a list of rules such as "c 1:3 mr"' }),
  normalize: (value: string[]) => [...new Set(value.map(parseDeviceCgroupRule))].sort(),
  whenUndeclared: () => [],
  write: (body, value) => {
    body.HostConfig.DeviceCgroupRules = value;
  },
  read: (info) =>
    [
      ...new Set(
        // A rule not written by dockwright is compared verbatim.
        ((info.HostConfig.DeviceCgroupRules as string[] | null) ?? []).map((rule) => lenient(() => parseDeviceCgroupRule(rule), rule)),
      ),
    ].sort(),
  apply: "replace",
});

/** One GPU request, canonical. `count`: -1 for all GPUs, 0 when `deviceIds` picks them. */
export interface GpuRequest {
  count: number;
  deviceIds: string[];
  /** Sorted; always includes "gpu", as the CLI adds it. */
  capabilities: string[];
  driver: string;
}

type GpuObject = { count?: number | "all"; deviceIds?: string[]; capabilities?: string[]; driver?: string };
type GpuInput = "all" | number | string | GpuObject;

function gpuRequest(value: GpuObject): GpuRequest {
  const count = value.count === "all" ? -1 : (value.count ?? 0);
  const deviceIds = value.deviceIds ?? [];
  if (count !== 0 && deviceIds.length) throw new Error("count and deviceIds cannot both be set: choose GPUs by number or by id");
  return {
    count: count === 0 && !deviceIds.length ? -1 : count,
    deviceIds,
    capabilities: [...new Set(["gpu", ...(value.capabilities ?? [])])].sort(),
    driver: value.driver ?? "",
  };
}

/** The CLI's `--gpus` string: `"all"`, `"2"`, `"device=0,2"`, `"count=2,capabilities=utility,driver=nvidia"`. */
/** A GPU count as written: 1 or more (0 would read as "all GPUs" to the engine's drivers). */
function gpuCount(text: string, value: string): number {
  const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1)) throw new Error(`${quote(value)}: a GPU count is a whole number of 1 or more, or all`);
  return n;
}

function parseGpuString(value: string): GpuObject {
  const text = value.trim();
  if (text === "all") return { count: "all" };
  if (/^\d+$/.test(text)) return { count: gpuCount(text, value) };
  // A Map, not an object: a field named "__proto__" or "toString" is an unknown field like any other.
  const fields = new Map<string, string[]>();
  let last: string[] | undefined;
  for (const part of text.split(",")) {
    const at = part.indexOf("=");
    // "device=0,2": a part without "=" continues the previous value list.
    if (at < 0 && last) last.push(part.trim());
    else if (at < 0) throw new Error(`${quote(value)} is not a GPU request; expected "all", a count, or key=value pairs (count, device, capabilities, driver)`);
    else {
      const key = part.slice(0, at).trim();
      if (!fields.has(key)) fields.set(key, []);
      last = fields.get(key)!;
      last.push(part.slice(at + 1).trim());
    }
  }
  const result: GpuObject = {};
  for (const [key, values] of fields) {
    if (key === "count") {
      if (values.length !== 1) throw new Error(`${quote(value)}: count is given once, a number or all`);
      result.count = values[0] === "all" ? "all" : gpuCount(values[0], value);
    } else if (key === "device") {
      if (values.some((id) => id === "")) throw new Error(`${quote(value)}: device names GPU ids or indexes, e.g. device=0,2`);
      result.deviceIds = values;
    } else if (key === "capabilities") result.capabilities = values;
    else if (key === "driver") result.driver = values.join(",");
    else throw new Error(`${quote(value)}: unknown GPU request field ${quote(key)}; expected count, device, capabilities or driver`);
  }
  return result;
}

export function parseGpus(value: GpuInput): GpuRequest {
  if (typeof value === "number") return gpuRequest({ count: value });
  return gpuRequest(typeof value === "string" ? parseGpuString(value) : value);
}

const idList = z.array(z.string().min(1, "ids must not be empty"));

const gpus = defineOption<GpuRequest | null>({
  key: "gpus",
  schema: z
    .union(
      [
        z.literal("all"),
        z.number().int().positive("a GPU count is 1 or more"),
        z.string(),
        z
          .object({
            count: z.union([z.number().int().positive("a GPU count is 1 or more"), z.literal("all")]).optional(),
            deviceIds: idList.min(1, "deviceIds names at least one GPU").optional(),
            capabilities: idList.optional(),
            driver: z.string().optional(),
          })
          .strict(),
      ],
      { error: 'expected "all", a number of GPUs, a --gpus string such as "device=0,2", or {count, deviceIds, capabilities, driver}' },
    )
    .superRefine(parsedBy(parseGpus)),
  normalize: parseGpus,
  whenUndeclared: () => null,
  write: (body, value) => {
    if (!value) return;
    body.HostConfig.DeviceRequests = [
      { Driver: value.driver, Count: value.count, DeviceIDs: value.deviceIds.length ? value.deviceIds : undefined, Capabilities: [value.capabilities], Options: {} },
    ];
  },
  read: (info) => {
    const requests = (info.HostConfig as Docker.HostConfig & { DeviceRequests?: Docker.DeviceRequest[] | null }).DeviceRequests ?? [];
    const request = requests[0];
    if (!request) return null;
    return {
      count: request.Count ?? 0,
      deviceIds: request.DeviceIDs ?? [],
      // Several capability sets are alternatives; dockwright writes one.
      capabilities: [...new Set(request.Capabilities?.[0] ?? [])].sort(),
      driver: request.Driver ?? "",
    };
  },
  show: (value) =>
    !value
      ? "none"
      : [
          value.deviceIds.length ? `device=${value.deviceIds.join(",")}` : value.count === -1 ? "all" : `count=${value.count}`,
          ...(value.capabilities.join(",") !== "gpu" ? [`capabilities=${value.capabilities.join(",")}`] : []),
          ...(value.driver ? [`driver=${value.driver}`] : []),
        ].join(" "),
  toInput: (value) => (value ? { ...(value.deviceIds.length ? { deviceIds: value.deviceIds } : { count: value.count === -1 ? "all" : value.count }), capabilities: value.capabilities, ...(value.driver ? { driver: value.driver } : {}) } : undefined),
  apply: "replace",
});

export const DEVICE_OPTIONS = [devices, deviceCgroupRules, gpus];
