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
import { keyValueList, parseKeyValues, sortedMap, splitCommand, userMap, type StringMap } from "./forms";
import { quote } from "./messages";
import { canonicalHostIp, parsePort, parsePortSpec, portKey, portProblems, sortPorts, type PortBinding } from "./ports";
import { byType, keyValueInput } from "./schemas";

/** A host address read from the engine, canonical when it parses (a value dockwright would refuse stays as is). */
function lenientHostIp(ip: string): string {
  try {
    return canonicalHostIp(ip);
  } catch {
    return ip;
  }
}

const NAME_PATTERN = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

const envInput = keyValueInput({
  error: "expected a map of strings, or a list of KEY=value strings",
  scalars: "string, number or boolean",
  entry: "entries are written KEY=value",
  // The engine splits each variable at its first "=": a key holding one would become another variable.
  keyProblem: (key) => (key.includes("=") ? `the variable name ${quote(key)} contains "=": names end at the first "="` : undefined),
});

const labelsInput = keyValueInput({
  error: "expected a map of strings, or a list of KEY=value strings",
  scalars: "string, number or boolean",
  entry: "entries are written KEY=value",
});

/**
 * The longest command line split as a shell would: splitting costs time per word, and check answers every input
 * quickly. Longer commands are given as a list (taken as they are).
 */
export const MAX_COMMAND_LINE = 16384;

const commandInput = z.union([z.string().min(1), z.array(z.string())], {
  error: "expected a list of strings, or one command line as a string",
}).superRefine((value, ctx) => {
  if (typeof value !== "string") return;
  if (value.length > MAX_COMMAND_LINE) {
    ctx.addIssue({ code: "custom", message: `a command line given as one string is at most ${MAX_COMMAND_LINE} characters (got ${value.length}); give a longer command as a list, e.g. ["sh", "-c", "..."]` });
    return;
  }
  try {
    splitCommand(value);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
  }
});

const portNumberInput = (what: string) =>
  z.number({ error: `expected the ${what} port, 1 to 65535` }).int(`the ${what} port is a whole number, 1 to 65535`).min(1, `the ${what} port is 1 to 65535`).max(65535, `the ${what} port is 1 to 65535`);

type PortInput = Parameters<typeof parsePortSpec>[0];

const portEntry = byType<PortInput>(
  {
    string: z.string(),
    number: portNumberInput("container"),
    object: z
      .object({
        container: portNumberInput("container"),
        host: z.number({ error: "expected the host port, 0 (any free port) to 65535" }).int("the host port is a whole number, 0 to 65535").min(0, "the host port is 0 (any free port) to 65535").max(65535, "the host port is 0 (any free port) to 65535").optional(),
        hostIp: z.string({ error: 'expected a host address such as "127.0.0.1" or "::1"' }).optional(),
        protocol: z.enum(["tcp", "udp", "sctp"], { error: 'expected "tcp", "udp" or "sctp"' }).optional(),
      })
      .strict(),
  },
  'expected "[hostIp:][hostPort:]containerPort[/protocol]", a port number, or {container, host, hostIp, protocol}',
  parsePortSpec,
);

/** Published ports: each entry checked, then the list (host ports published twice, how many in all) as ranges. */
const portsInput = z.array(portEntry, { error: "expected a list of port mappings" }).superRefine((list, ctx) => {
  const entries = list.flatMap((value, index) => {
    try {
      return [{ index, spec: parsePortSpec(value) }];
    } catch {
      return []; // reported by the entry's own schema
    }
  });
  for (const problem of portProblems(entries)) {
    ctx.addIssue({ code: "custom", path: problem.index === undefined ? [] : [problem.index], message: problem.message });
  }
});

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
  schema: envInput,
  normalize: (value) => parseKeyValues(value),
  whenUndeclared: () => userMap(),
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
  schema: labelsInput,
  normalize: (value) => parseKeyValues(value),
  whenUndeclared: () => userMap(),
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
  schema: portsInput,
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
            // As the engine holds it: "0.0.0.0" (IPv4 only) is not "" (both families).
            hostIp: lenientHostIp(b.HostIp ?? ""),
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
