// How the container's process runs: working directory, user, terminal, init, names, stop behaviour.
// The engine cannot change any of these on an existing container: a change replaces it.
import type Docker from "dockerode";
import { constants } from "os";
import { z } from "zod";
import { defineOption, type Context, type CreateBody, type ContainerKey } from "./spec";
import { quote, wholeNumber } from "../forms/messages";

type Config = Docker.ContainerInspectInfo["Config"] & Record<string, unknown>;

/** A scalar of the create body's top-level Config, compared against the image's value when undeclared. */
function configValue<C>(spec: {
  key: ContainerKey;
  field: string;
  schema: z.ZodType;
  normalize?: (value: any) => C;
  whenUndeclared: (ctx: Context) => C | undefined;
  read?: (raw: unknown, ctx: Context) => C;
}) {
  const normalize = spec.normalize ?? ((v: C) => v);
  return defineOption<C>({
    key: spec.key,
    schema: spec.schema,
    normalize,
    whenUndeclared: spec.whenUndeclared,
    write: (body: CreateBody, value) => {
      (body as unknown as Record<string, unknown>)[spec.field] = value;
    },
    read: (info, ctx) => {
      const raw = (info.Config as Config)[spec.field];
      return spec.read ? spec.read(raw, ctx) : (raw as C);
    },
    apply: "replace",
  });
}

const stripSlash = (dir: string) => (dir.length > 1 ? dir.replace(/\/+$/, "") : dir);

export const workingDir = configValue<string>({
  key: "workingDir",
  field: "WorkingDir",
  schema: z.string().regex(/^\//, "workingDir must be an absolute path, e.g. /app"),
  normalize: stripSlash,
  whenUndeclared: (ctx) => stripSlash(ctx.image.config.WorkingDir ?? ""),
  read: (raw) => stripSlash(String(raw ?? "")),
});

export const user = configValue<string>({
  key: "user",
  field: "User",
  schema: z.string().regex(/^[^:\s]+(:[^:\s]+)?$/, 'expected "user", "uid", "user:group" or "uid:gid"'),
  whenUndeclared: (ctx) => ctx.image.config.User ?? "",
  read: (raw) => String(raw ?? ""),
});

const HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const hostname = configValue<string>({
  key: "hostname",
  field: "Hostname",
  schema: z.string().max(253).regex(HOSTNAME, "expected a host name: letters, digits and '-', dot-separated labels"),
  // When unset the engine uses the first 12 characters of the id: not compared.
  whenUndeclared: () => undefined,
  read: (raw) => String(raw ?? ""),
});

export const domainname = configValue<string>({
  key: "domainname",
  field: "Domainname",
  schema: z.string().max(253).regex(HOSTNAME, "expected a domain name such as example.internal"),
  whenUndeclared: () => "",
  read: (raw) => String(raw ?? ""),
});

export const booleanInput = z.boolean({ error: "expected true or false" });

/** A Config flag that is false unless declared. */
function configFlag(key: ContainerKey, field: string) {
  return configValue<boolean>({ key, field, schema: booleanInput, whenUndeclared: () => false, read: (raw) => raw === true });
}

export const tty = configFlag("tty", "Tty");
export const stdinOpen = configFlag("stdinOpen", "OpenStdin");

const SIGNALS = constants.signals as Record<string, number>;
const SIGNAL_NAMES = new Map(Object.entries(SIGNALS).map(([name, n]) => [n, name]));

/** `"TERM"`, `"SIGTERM"`, `"15"` or 15 to `"SIGTERM"`. */
export function signalName(value: string | number): string {
  const text = String(value).trim().toUpperCase();
  if (/^\d+$/.test(text)) {
    const name = SIGNAL_NAMES.get(Number(text));
    if (!name) throw new Error(`${quote(text)} is not a signal number`);
    return name;
  }
  const name = text.startsWith("SIG") ? text : `SIG${text}`;
  if (!(name in SIGNALS)) throw new Error(`${quote(value)} is not a signal; expected a name such as SIGTERM or a number`);
  return name;
}

export const stopSignal = configValue<string>({
  key: "stopSignal",
  field: "StopSignal",
  schema: z.union([z.string(), z.number().int()], { error: "expected a signal name such as SIGTERM, or its number" }).superRefine((v, ctx) => {
    try {
      signalName(v);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  }),
  normalize: signalName,
  whenUndeclared: (ctx) => signalName(ctx.image.config.StopSignal || "SIGTERM"),
  read: (raw, ctx) => signalName(String(raw || ctx.image.config.StopSignal || "SIGTERM")),
});

export const stopTimeout = configValue<number | null>({
  key: "stopTimeout",
  field: "StopTimeout",
  schema: z.number({ error: "expected seconds to wait, or -1 to wait forever" }).int(wholeNumber("stopTimeout is whole seconds (-1: wait forever)")).min(-1, "stopTimeout is seconds to wait (-1: wait forever)"),
  whenUndeclared: () => null,
  read: (raw) => (typeof raw === "number" ? raw : null),
});

export const init = defineOption<boolean>({
  key: "init",
  schema: booleanInput,
  normalize: (value: boolean) => value,
  whenUndeclared: () => false,
  write: (body, value) => {
    body.HostConfig.Init = value;
  },
  read: (info) => info.HostConfig.Init === true,
  apply: "replace",
});

export const groupAdd = defineOption<string[]>({
  key: "groupAdd",
  schema: z.array(z.string().min(1), { error: "expected a list of group names or ids" }),
  normalize: (value: string[]) => [...new Set(value)].sort(),
  whenUndeclared: () => [],
  write: (body, value) => {
    body.HostConfig.GroupAdd = value;
  },
  read: (info) => [...((info.HostConfig.GroupAdd as string[] | null) ?? [])].sort(),
  apply: "replace",
});

export const autoRemove = defineOption<boolean>({
  key: "autoRemove",
  schema: booleanInput,
  normalize: (value: boolean) => value,
  whenUndeclared: () => false,
  write: (body, value) => {
    body.HostConfig.AutoRemove = value;
  },
  read: (info) => info.HostConfig.AutoRemove === true,
  apply: "replace",
  crossCheck: (inputs) => {
    if (inputs.autoRemove !== true) return [];
    const failures = [];
    const restart = inputs.restart;
    const policy = typeof restart === "string" ? restart.split(":")[0] : (restart as { name?: string } | undefined)?.name;
    if (policy !== undefined && policy !== "no") {
      failures.push({ property: "restart", reason: "an autoRemove container cannot have a restart policy: the engine refuses it" });
    }
    if (inputs.state === "exited") {
      failures.push({ property: "autoRemove", reason: 'a job (state "exited") must outlive its exit to report its exit code and logs' });
    }
    return failures;
  },
});

export const PROCESS_OPTIONS = [workingDir, user, hostname, domainname, tty, stdinOpen, init, groupAdd, stopSignal, stopTimeout, autoRemove];
