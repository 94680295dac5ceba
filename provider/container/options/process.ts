// How the container's process runs: working directory, user, terminal, init, names, stop behaviour.
// The engine cannot change any of these on an existing container: a change replaces it.
import { constants } from "os";
import { z } from "zod";
import { quote, wholeNumber } from "../forms/messages";
import { parsedBy } from "../forms/issue";
import { parseRestart } from "../forms/restart";
import { configField, flag, hostField } from "./fields";

const stripSlash = (dir: string) => (dir.length > 1 ? dir.replace(/\/+$/, "") : dir);

const workingDir = configField<string>({
  key: "workingDir",
  field: "WorkingDir",
  schema: z.string().regex(/^\//, "workingDir must be an absolute path, e.g. /app"),
  normalize: stripSlash,
  whenUndeclared: (ctx) => stripSlash(ctx.image.config.WorkingDir ?? ""),
  read: (raw) => stripSlash(String(raw ?? "")),
});

const user = configField<string>({
  key: "user",
  field: "User",
  schema: z.string().regex(/^[^:\s]+(:[^:\s]+)?$/, 'expected "user", "uid", "user:group" or "uid:gid"'),
  whenUndeclared: (ctx) => ctx.image.config.User ?? "",
  read: (raw) => String(raw ?? ""),
});

const HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

const hostname = configField<string>({
  key: "hostname",
  field: "Hostname",
  schema: z.string().max(253).regex(HOSTNAME, "expected a host name: letters, digits and '-', dot-separated labels"),
  // When unset the engine uses the first 12 characters of the id: not compared.
  whenUndeclared: () => undefined,
  read: (raw) => String(raw ?? ""),
  ownNetworkStack: true,
});

const domainname = configField<string>({
  key: "domainname",
  field: "Domainname",
  schema: z.string().max(253).regex(HOSTNAME, "expected a domain name such as example.internal"),
  whenUndeclared: () => "",
  read: (raw) => String(raw ?? ""),
});

const tty = flag(configField, "tty", "Tty");
const stdinOpen = flag(configField, "stdinOpen", "OpenStdin");

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

const stopSignal = configField<string>({
  key: "stopSignal",
  field: "StopSignal",
  schema: z.union([z.string(), z.number().int()], { error: "expected a signal name such as SIGTERM, or its number" }).superRefine(parsedBy(signalName)),
  normalize: signalName,
  whenUndeclared: (ctx) => signalName(ctx.image.config.StopSignal || "SIGTERM"),
  read: (raw, ctx) => signalName(String(raw || ctx.image.config.StopSignal || "SIGTERM")),
});

const stopTimeout = configField<number | null>({
  key: "stopTimeout",
  field: "StopTimeout",
  schema: z.number({ error: "expected seconds to wait, or -1 to wait forever" }).int(wholeNumber("stopTimeout is whole seconds (-1: wait forever)")).min(-1, "stopTimeout is seconds to wait (-1: wait forever)"),
  whenUndeclared: () => null,
  read: (raw) => (typeof raw === "number" ? raw : null),
});

const init = flag(hostField, "init", "Init");

const groupAdd = hostField<string[]>({
  key: "groupAdd",
  field: "GroupAdd",
  schema: z.array(z.string().min(1), { error: "expected a list of group names or ids" }),
  normalize: (value: string[]) => [...new Set(value)].sort(),
  whenUndeclared: () => [],
  read: (raw) => [...((raw as string[] | null) ?? [])].sort(),
});

const autoRemove = flag(hostField, "autoRemove", "AutoRemove", {
  crossCheck: (inputs) => {
    if (inputs.autoRemove !== true) return [];
    const failures = [];
    const policy = inputs.restart === undefined ? undefined : parseRestart(inputs.restart as Parameters<typeof parseRestart>[0]).name;
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
