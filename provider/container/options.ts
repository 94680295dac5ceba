// The option table: one entry per container option. check, diff, create and read are all driven from here.
import { z } from "zod";
import { withoutIdentityLabels } from "../identity";
import { defineOption, type Context, type OptionSpec } from "./option";
import { referenceProblem } from "../docker/registry-reference";
import { state } from "./run-state";
import { CGROUP_OPTIONS } from "./cgroup-options";
import { HEALTH_LOG_OPTIONS } from "./health-log-options";
import { NETWORK_OPTIONS } from "./network-options";
import { PROCESS_OPTIONS } from "./process-options";
import { RESOURCE_OPTIONS } from "./resource-options";
import { SECURITY_OPTIONS } from "./security-options";
import { STORAGE_OPTIONS } from "./storage-options";
import {
  keyValueList,
  parseKeyValues,
  parsePort,
  portKey,
  sortPorts,
  sortedMap,
  splitCommand,
  type PortBinding,
  type StringMap,
} from "./forms";

const NAME_PATTERN = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

const keyValueInput = z.union(
  [
    z.record(z.string().min(1, "keys must not be empty"), z.union([z.string(), z.number(), z.boolean()])),
    z.array(z.string().regex(/^[^=]+=/, "entries are written KEY=value")),
  ],
  { error: "expected a map of strings, or a list of KEY=value strings" },
);

const commandInput = z.union([z.string().min(1), z.array(z.string())], {
  error: "expected a list of strings, or one command line as a string",
}).superRefine((value, ctx) => {
  if (typeof value !== "string") return;
  try {
    splitCommand(value);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
  }
});

const portInput = z.union(
  [
    z.string().superRefine((value, ctx) => {
      try {
        parsePort(value);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
    z.number().int().min(1).max(65535),
    z.object({
      container: z.number().int().min(1).max(65535),
      host: z.number().int().min(0).max(65535).optional(),
      hostIp: z.union([z.ipv4(), z.ipv6(), z.literal("")]).optional(),
      protocol: z.enum(["tcp", "udp", "sctp"]).optional(),
    }).strict(),
  ],
  { error: 'expected "hostPort:containerPort[/protocol]", a port number, or {container, host, hostIp, protocol}' },
);

function imageEnv(ctx: Context): StringMap {
  return parseKeyValues(ctx.image.config.Env ?? []);
}

/** Entries the container holds because its image set them, and that the program does not declare. */
function withoutInherited(actual: StringMap, inherited: StringMap, declared: StringMap | undefined): StringMap {
  return sortedMap(Object.entries(actual).filter(([k, v]) => (declared && k in declared) || inherited[k] !== v));
}

function asList(value: string[] | string | null | undefined): string[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

export const image = defineOption<string>({
  key: "image",
  schema: z
    .string({ error: "expected an image reference such as nginx:1.27" })
    .min(1, "must not be empty")
    .superRefine((value, ctx) => {
      // The engine parses references with the same grammar at create: refused here, at preview, instead.
      const problem = value === "" ? undefined : referenceProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  // Identity is the resolved image id: the same image under another reference is no change.
  normalize: (_value, ctx) => ctx.image.id,
  write: (body, _id, ctx) => {
    body.Image = ctx.imageRef;
  },
  read: (info) => info.Image,
  apply: "replace",
});

export const name = defineOption<string>({
  key: "name",
  schema: z.string().regex(NAME_PATTERN, "container names start with a letter or digit, then letters, digits, '_', '.' or '-' (at least 2 characters)"),
  normalize: (value: string) => value.replace(/^\//, ""),
  write: (body, value) => {
    body.name = value;
  },
  read: (info) => info.Name.replace(/^\//, ""),
  apply: "rename",
});

// Docker's merge of a create body with the image (daemon/create.go): with no entrypoint sent, the image's is kept;
// and when the entrypoint sent is empty (not sent, or []) and so is the command, the command is the image's CMD.
// So `entrypoint: []` clears the entrypoint and keeps the image's CMD, and `command: []` is the image's CMD unless a
// non-empty entrypoint is declared.

export const entrypoint = defineOption<string[]>({
  key: "entrypoint",
  sensitive: true,
  schema: commandInput,
  normalize: (value: string | string[]) => (typeof value === "string" ? splitCommand(value) : value),
  whenUndeclared: (ctx) => asList(ctx.image.config.Entrypoint),
  write: (body, value) => {
    body.Entrypoint = value;
  },
  read: (info) => asList(info.Config.Entrypoint),
  apply: "replace",
});

export const command = defineOption<string[]>({
  key: "command",
  sensitive: true,
  schema: commandInput,
  normalize: (value: string | string[]) => (typeof value === "string" ? splitCommand(value) : value),
  // An empty command under an empty entrypoint is replaced by the image's CMD (entrypoint comes first in OPTIONS).
  inherits: (value, ctx) => value.length === 0 && !((ctx.desired.entrypoint as string[] | undefined)?.length),
  // The engine drops the image's CMD when a non-empty entrypoint is sent.
  whenUndeclared: (ctx) => ((ctx.desired.entrypoint as string[] | undefined)?.length ? [] : asList(ctx.image.config.Cmd)),
  write: (body, value) => {
    body.Cmd = value;
  },
  read: (info) => asList(info.Config.Cmd),
  apply: "replace",
});

export const env = defineOption<StringMap>({
  key: "env",
  sensitive: true,
  schema: keyValueInput,
  normalize: (value) => parseKeyValues(value),
  whenUndeclared: () => ({}),
  write: (body, value) => {
    body.Env = keyValueList(value);
  },
  read: (info, ctx) =>
    withoutInherited(parseKeyValues(info.Config.Env ?? []), imageEnv(ctx), ctx.desired.env as StringMap | undefined),
  apply: "replace",
});

export const labels = defineOption<StringMap>({
  key: "labels",
  sensitive: true,
  schema: keyValueInput,
  normalize: (value) => parseKeyValues(value),
  whenUndeclared: () => ({}),
  write: (body, value) => {
    body.Labels = value;
  },
  read: (info, ctx) =>
    withoutInherited(
      // dockwright's own labels (identity.ts) are bookkeeping, never drift.
      sortedMap(Object.entries(withoutIdentityLabels(info.Config.Labels ?? {}))),
      sortedMap(Object.entries(withoutIdentityLabels(ctx.image.config.Labels ?? {}))),
      ctx.desired.labels as StringMap | undefined,
    ),
  apply: "replace",
});

export const ports = defineOption<PortBinding[]>({
  key: "ports",
  schema: z.array(portInput, { error: "expected a list of port mappings" }),
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
            hostIp: b.HostIp === "0.0.0.0" ? "" : (b.HostIp ?? ""),
            host: b.HostPort ? Number(b.HostPort) : 0,
          }));
        },
      ),
    ),
  apply: "replace",
});

export type { RunState } from "./run-state";

/** Every option, in the order they are reported. */
export const OPTIONS: OptionSpec<any>[] = [
  image,
  name,
  // entrypoint before command: what an empty command means depends on the entrypoint.
  entrypoint,
  command,
  env,
  labels,
  ...PROCESS_OPTIONS,
  ports,
  ...NETWORK_OPTIONS,
  ...RESOURCE_OPTIONS,
  ...CGROUP_OPTIONS,
  ...SECURITY_OPTIONS,
  ...STORAGE_OPTIONS,
  ...HEALTH_LOG_OPTIONS,
  state,
];
