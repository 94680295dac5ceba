// Namespaces the container shares with the host or another container. The engine fixes them at create: a change
// replaces. Inspect reports `container:<id>` for pid and ipc whatever name was sent, so names are compared as ids.
import type Docker from "dockerode";
import { z } from "zod";
import { containerIdOf, defineOption, type CheckFailure, type Context, type ContainerKey } from "./spec";
import { hostField } from "./fields";

const CONTAINER_MODE = /^container:(.+)$/;
const CONTAINER_REF = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

type HostField = "PidMode" | "IpcMode" | "UTSMode" | "UsernsMode" | "CgroupnsMode";

function inspectedMode(info: Docker.ContainerInspectInfo, field: HostField): string {
  return String((info.HostConfig as Record<string, unknown>)[field] ?? "");
}

/** `container:<name|id>` to `container:<full id>` when the container exists (else kept as written: a difference). */
function joined(value: string, ctx: Context): string {
  const m = CONTAINER_MODE.exec(value);
  if (!m) return value;
  const ref = m[1].replace(/^\//, "");
  return `container:${containerIdOf(ctx, m[1]) ?? containerIdOf(ctx, ref) ?? ref}`;
}

function containerRefs(value: string): string[] {
  const m = CONTAINER_MODE.exec(value);
  return m ? [m[1]] : [];
}

/** A mode from a fixed list, or `container:<name|id>` when `joinable`. */
function modeSchema(modes: string[], joinable: boolean) {
  const expected = [...modes.map((m) => `"${m}"`), ...(joinable ? ['"container:<name|id>"'] : [])].join(", ");
  return z
    .string({ error: `expected ${expected}` })
    .refine((v) => modes.includes(v) || (joinable && CONTAINER_MODE.test(v) && CONTAINER_REF.test(v.slice("container:".length))), {
      message: `expected ${expected}`,
    });
}

/**
 * pid, uts and user namespaces: "private" (the engine's empty value, its only default) or "host"; pid also
 * `container:<name|id>`.
 */
function namespaceMode(key: ContainerKey, field: HostField, joinable: boolean) {
  return defineOption<string>({
    key,
    schema: modeSchema(["private", "host"], joinable),
    normalize: (value: string, ctx) => joined(value, ctx),
    whenUndeclared: () => "private",
    write: (body, value) => {
      (body.HostConfig as Record<string, unknown>)[field] = value === "private" ? "" : value;
    },
    read: (info, ctx) => joined(inspectedMode(info, field) || "private", ctx),
    apply: "replace",
    containerRefs: joinable ? containerRefs : undefined,
  });
}

export const pidMode = namespaceMode("pidMode", "PidMode", true);

// The engine accepts UTSMode "container:<x>" and then ignores it (measured: the container keeps its own host
// name); the CLI refuses it. Only the host's namespace can be shared.
const utsMode = defineOption<string>({
  ...namespaceMode("utsMode", "UTSMode", false),
  crossCheck: (inputs) => {
    if (inputs.utsMode !== "host") return [];
    const failures: CheckFailure[] = [];
    // hostname: the engine refuses the create (400); domainname: the start fails (kernel.domainname sysctl).
    for (const key of ["hostname", "domainname"]) {
      if (inputs[key] !== undefined) failures.push({ property: key, reason: `${key} cannot be set with utsMode "host": the container uses the host's names` });
    }
    return failures;
  },
});

// "host" turns off user-namespace remapping for this container (it only matters when the daemon remaps).
const userns = namespaceMode("userns", "UsernsMode", false);

/** What an undeclared ipcMode reads as: the daemon's default mode, "private" or "shareable" by daemon configuration. */
const IPC_DEFAULT = "default";
const IPC_DEFAULTABLE = new Set(["", "private", "shareable"]);

export const ipcMode = defineOption<string>({
  key: "ipcMode",
  schema: modeSchema(["private", "shareable", "host", "none"], true),
  normalize: (value: string, ctx) => joined(value, ctx),
  // The daemon's default (private here, shareable on older or configured daemons) cannot be told from the
  // container: undeclared, either is no drift; host, none and container:<x> are.
  whenUndeclared: () => IPC_DEFAULT,
  write: (body, value) => {
    body.HostConfig.IpcMode = value;
  },
  read: (info, ctx) => {
    const actual = inspectedMode(info, "IpcMode");
    if (ctx.desired.ipcMode === undefined && IPC_DEFAULTABLE.has(actual)) return IPC_DEFAULT;
    return joined(actual || "private", ctx);
  },
  show: (value) => (value === IPC_DEFAULT ? "the daemon's default" : value),
  apply: "replace",
  containerRefs,
});

// The default is the daemon's: "host" on cgroup v1 (measured here), "private" on cgroup v2. Inspect always reports
// the resolved mode, so an undeclared cgroupnsMode is not compared.
const cgroupnsMode = hostField<string>({
  key: "cgroupnsMode",
  field: "CgroupnsMode",
  schema: z.enum(["private", "host"], { error: 'expected "private" or "host"' }),
  read: (raw) => String(raw ?? ""),
});

export const NAMESPACE_OPTIONS = [pidMode, ipcMode, utsMode, userns, cgroupnsMode];
