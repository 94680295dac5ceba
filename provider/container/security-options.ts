// Privileges and capabilities. The engine fixes them at create: a change replaces the container.
import { z } from "zod";
import { defineOption } from "./option";
import { booleanInput } from "./process-options";

/** `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN` are one capability; `ALL` stays as it is. */
export function capabilityName(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper === "ALL" || upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
}

function capabilities(key: "capAdd" | "capDrop", field: "CapAdd" | "CapDrop") {
  const normalize = (list: string[]) => [...new Set(list.map(capabilityName))].sort();
  return defineOption<string[]>({
    key,
    schema: z.array(z.string().regex(/^[A-Za-z_]+$/, "expected a capability name such as NET_ADMIN"), {
      error: "expected a list of capability names",
    }),
    normalize,
    whenUndeclared: () => [],
    write: (body, value) => {
      body.HostConfig[field] = value;
    },
    read: (info) => normalize((info.HostConfig[field] as string[] | null) ?? []),
    apply: "replace",
  });
}

function hostFlag(key: string, field: "Privileged" | "ReadonlyRootfs") {
  return defineOption<boolean>({
    key,
    schema: booleanInput,
    normalize: (value: boolean) => value,
    whenUndeclared: () => false,
    write: (body, value) => {
      body.HostConfig[field] = value;
    },
    read: (info) => info.HostConfig[field] === true,
    apply: "replace",
  });
}

export const SECURITY_OPTIONS = [
  hostFlag("privileged", "Privileged"),
  hostFlag("readOnly", "ReadonlyRootfs"),
  capabilities("capAdd", "CapAdd"),
  capabilities("capDrop", "CapDrop"),
];
