// Privileges, capabilities, security options, runtime and isolation, plus the namespace and device options.
// The engine fixes all of them at create (its update endpoint ignores them): a change replaces the container.
import { z } from "zod";
import { DEVICE_OPTIONS } from "./devices";
import { NAMESPACE_OPTIONS } from "./namespaces";
import { flag, hostField } from "./fields";
import { securityOpt } from "./security-profiles";

/** `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN` are one capability; `ALL` stays as it is. */
function capabilityName(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper === "ALL" || upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
}

function capabilities(key: "capAdd" | "capDrop", field: "CapAdd" | "CapDrop") {
  const normalize = (list: string[]) => [...new Set(list.map(capabilityName))].sort();
  return hostField<string[]>({
    key,
    field,
    schema: z.array(z.string().regex(/^[A-Za-z_]+$/, "expected a capability name such as NET_ADMIN"), {
      error: "expected a list of capability names",
    }),
    normalize,
    whenUndeclared: () => [],
    read: (raw) => normalize((raw as string[] | null) ?? []),
  });
}

// Inspect reports the daemon's default runtime ("runc" here) when none was sent: an undeclared runtime is compared
// with the daemon's default (GET /info). An unknown name is refused by the engine at create ("Unknown runtime
// specified <name>", 400).
const runtime = hostField<string>({
  key: "runtime",
  field: "Runtime",
  schema: z.string({ error: "expected a runtime name the daemon knows, such as runc" }).regex(/^[A-Za-z0-9][A-Za-z0-9_.\/-]*$/, "expected a runtime name the daemon knows, such as runc"),
  whenUndeclared: (ctx) => ctx.daemon.defaultRuntime,
  read: (raw, ctx) => String(raw || ctx.daemon.defaultRuntime || "runc"),
});

// Windows engines isolate with "process" or "hyperv"; a Linux engine refuses both at create (500, "linux only
// supports 'default'"). Inspect reports "" when unset and "default" when sent: one value.
const isolation = hostField<string>({
  key: "isolation",
  field: "Isolation",
  schema: z.enum(["default", "process", "hyperv"], { error: 'expected "default", or on Windows engines "process" or "hyperv"' }),
  whenUndeclared: () => "default",
  read: (raw) => String(raw || "default"),
});

export const SECURITY_OPTIONS = [
  flag(hostField, "privileged", "Privileged"),
  flag(hostField, "readOnly", "ReadonlyRootfs"),
  capabilities("capAdd", "CapAdd"),
  capabilities("capDrop", "CapDrop"),
  securityOpt,
  ...NAMESPACE_OPTIONS,
  runtime,
  isolation,
  ...DEVICE_OPTIONS,
];
