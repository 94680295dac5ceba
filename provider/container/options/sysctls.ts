// Namespaced kernel parameters. The engine stores any key at create; runc refuses, at start, every key that is
// not in one of the container's own namespaces: check says so at preview instead.
import { keyValueList, parseKeyValues, userMap, type StringMap } from "../forms/key-values";
import { quote } from "../forms/messages";
import { keyValueInput } from "../forms/schemas";
import { defineOption, type CheckFailure } from "./spec";

/** IPC namespace parameters (runc's list); fs.mqueue.* belongs there too. */
const IPC_KEYS = new Set([
  "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
  "kernel.shm_rmid_forced",
]);

type SysctlNamespace = "ipc" | "net" | "uts";

/** The namespace a parameter lives in, or a reason the engine refuses it in any container. */
export function sysctlNamespace(key: string): SysctlNamespace | { refused: string } {
  if (IPC_KEYS.has(key) || key.startsWith("fs.mqueue.")) return "ipc";
  if (key.startsWith("net.")) return "net";
  if (key === "kernel.domainname") return "uts";
  if (key === "kernel.hostname") return { refused: "kernel.hostname conflicts with the container's host name: set hostname instead" };
  return {
    refused:
      `${quote(key)} is not in a namespace of its own, so the engine refuses it in a container; ` +
      `allowed: net.*, fs.mqueue.*, kernel.domainname and the IPC parameters ${[...IPC_KEYS].join(", ")}`,
  };
}

const KEY = /^[a-zA-Z0-9_-]+(\.[^\s.=]+)+$/;

/** What is wrong with a parameter name, if anything: its form, or a namespace the engine refuses. */
function keyProblem(key: string): string | undefined {
  if (!KEY.test(key)) return `${quote(key)} is not a kernel parameter name such as net.core.somaxconn`;
  const ns = sysctlNamespace(key);
  return typeof ns === "string" ? undefined : ns.refused;
}

const sysctlInput = keyValueInput({
  error: 'expected a map of kernel parameters, or a list of "key=value" strings',
  scalars: "string or number",
  entry: 'entries are written "key=value"',
  keyProblem,
});

/** The modes (as users write them) that share a namespace with the host, per namespace. */
const HOST_MODE: Record<SysctlNamespace, { key: string; what: string }> = {
  net: { key: "networkMode", what: "network" },
  ipc: { key: "ipcMode", what: "IPC" },
  uts: { key: "utsMode", what: "UTS" },
};

/** A parameter of a namespace the container shares with the host would change the host: runc refuses it at start. */
function hostNamespaceFailures(inputs: Record<string, unknown>): CheckFailure[] {
  if (inputs.sysctls === undefined) return [];
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(parseKeyValues(inputs.sysctls as Record<string, unknown> | string[]))) {
    const ns = sysctlNamespace(key);
    if (typeof ns !== "string") continue;
    const mode = HOST_MODE[ns];
    if (inputs[mode.key] === "host") {
      failures.push({
        property: "sysctls",
        reason: `${key} cannot be set with ${mode.key} "host": the container shares the host's ${mode.what} namespace`,
      });
    }
  }
  return failures;
}

export const sysctls = defineOption<StringMap>({
  key: "sysctls",
  schema: sysctlInput,
  normalize: (value) => parseKeyValues(value),
  whenUndeclared: () => userMap(),
  write: (body, value) => {
    body.HostConfig.Sysctls = value;
  },
  read: (info) => parseKeyValues(((info.HostConfig as { Sysctls?: Record<string, string> | null }).Sysctls ?? {}) as Record<string, string>),
  apply: "replace",
  show: (value) => (Object.keys(value).length ? keyValueList(value).join(", ") : "none"),
  crossCheck: hostNamespaceFailures,
});
