// `securityOpt`, the container's security profiles (seccomp, AppArmor, SELinux labels, no-new-privileges, system
// paths): the forms the Docker CLI accepts, one canonical list, and how the engine echoes it back.
import type Docker from "dockerode";
import { createHash } from "crypto";
import { resolve } from "path";
import { z } from "zod";
import { defineOption } from "./spec";
import { issueFrom } from "../forms/issue";
import { lenient } from "../forms/lenient";
import { readRegularFile } from "../../local-file";

/** `systempaths=unconfined` is not a daemon option: the CLI turns it into empty MaskedPaths and ReadonlyPaths. */
const SYSTEMPATHS_UNCONFINED = "systempaths=unconfined";
/** The daemon appends this to SecurityOpt for privileged, pid=host and ipc=host containers. */
const LABEL_DISABLE = "label=disable";

const TRUE = new Set(["1", "t", "T", "true", "TRUE", "True"]);
const FALSE = new Set(["0", "f", "F", "false", "FALSE", "False"]);
const LABEL = /^(disable|nested|(user|role|type|level|filetype):\S+)$/;
/** Keys that hold one value: the engine keeps the last one given, so two are a mistake. */
const SINGLE = new Set(["no-new-privileges", "seccomp", "apparmor", "systempaths"]);

/** A seccomp profile file is read only up to this size (Docker's default profile is about 20 KB). */
const SECCOMP_MAX_BYTES = 1024 * 1024;

/** Sorted-key compact JSON: two spellings of one seccomp profile compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A seccomp profile: `unconfined`, inline JSON, or a path to a JSON file on the machine running Pulumi (read now,
 * as the CLI does: the engine only takes the profile's content). The file's content is what is compared.
 */
function seccompValue(value: string, readFiles: boolean): string {
  if (value === "unconfined") return value;
  let text = value;
  if (!value.trimStart().startsWith("{")) {
    // The engine holds content, never a path: a path in inspect was not sent by dockwright and stays as it is.
    if (!readFiles) return value;
    try {
      text = readRegularFile(resolve(value), SECCOMP_MAX_BYTES).toString("utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`cannot read the seccomp profile file '${value.slice(0, 200)}': ${code ?? (err as Error).message}`);
    }
  }
  let profile: unknown;
  try {
    profile = JSON.parse(text);
  } catch (err) {
    throw new Error(`the seccomp profile${text === value ? "" : ` in '${value}'`} is not JSON: ${(err as Error).message}`);
  }
  if (!profile || typeof profile !== "object" || Array.isArray(profile)) throw new Error("a seccomp profile is a JSON object");
  return canonicalJson(profile);
}

/**
 * One entry to `key=value` canonical form; throws with a message naming what is expected. `readFiles`: a seccomp
 * value that is not JSON is a profile file to read (user input), else it is kept as it is (inspect).
 */
function securityOptEntry(entry: string, readFiles = true): string {
  const text = entry.trim();
  if (text === "no-new-privileges") return text;
  if (text === "disable") return LABEL_DISABLE; // legacy spelling the daemon still accepts
  // The daemon splits on the first "=", else (deprecated) the first ":".
  const at = text.includes("=") ? text.indexOf("=") : text.indexOf(":");
  if (at < 0) throw new Error(`'${entry}' is not a security option; expected key=value, e.g. "no-new-privileges" or "seccomp=unconfined"`);
  const key = text.slice(0, at);
  const value = text.slice(at + 1);
  switch (key) {
    case "no-new-privileges":
      if (TRUE.has(value)) return "no-new-privileges";
      if (FALSE.has(value)) return "no-new-privileges=false";
      throw new Error(`'${entry}': no-new-privileges takes true or false`);
    case "seccomp":
      return `seccomp=${seccompValue(value, readFiles)}`;
    case "apparmor":
      if (!value) throw new Error(`'${entry}': expected an AppArmor profile name, e.g. apparmor=unconfined`);
      return `apparmor=${value}`;
    case "label":
      if (!LABEL.test(value)) throw new Error(`'${entry}': expected label=disable, label=nested or label=user|role|type|level|filetype:<value>`);
      return `label=${value}`;
    case "systempaths":
      if (value !== "unconfined") throw new Error(`'${entry}': the only systempaths value is unconfined`);
      return SYSTEMPATHS_UNCONFINED;
    default:
      throw new Error(`'${entry}': unknown security option "${key}"; expected no-new-privileges, seccomp, apparmor, label or systempaths`);
  }
}

const optKey = (canonical: string) => canonical.split("=", 1)[0];

/** Canonical entries, deduplicated and sorted; a single-valued key given twice is an error. */
export function parseSecurityOpt(list: string[]): string[] {
  const entries = [...new Set(list.map((entry) => securityOptEntry(entry)))].sort();
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = optKey(entry);
    if (SINGLE.has(key) && seen.has(key)) throw new Error(`${key} is given more than once with different values`);
    seen.add(key);
  }
  return entries;
}

/** Canonical entries from inspect, without what the daemon added for other options. */
function readSecurityOpt(info: Docker.ContainerInspectInfo, declared: string[] | undefined): string[] {
  const host = info.HostConfig as Docker.HostConfig & { MaskedPaths?: string[] | null; ReadonlyPaths?: string[] | null };
  const entries = new Set<string>();
  // A form this code does not write is compared verbatim.
  for (const raw of host.SecurityOpt ?? []) entries.add(lenient(() => securityOptEntry(raw, false), raw));
  const daemonAdded = host.Privileged === true || host.PidMode === "host" || host.IpcMode === "host";
  if (daemonAdded && !declared?.includes(LABEL_DISABLE)) entries.delete(LABEL_DISABLE);
  // Empty lists (not null: privileged containers hold null) are what systempaths=unconfined sends.
  if (Array.isArray(host.MaskedPaths) && !host.MaskedPaths.length && Array.isArray(host.ReadonlyPaths) && !host.ReadonlyPaths.length) {
    entries.add(SYSTEMPATHS_UNCONFINED);
  }
  return [...entries].sort();
}

/** A seccomp profile is shown by size and digest, not its whole JSON. */
function showEntry(entry: string): string {
  if (!entry.startsWith("seccomp={")) return entry;
  const profile = entry.slice("seccomp=".length);
  const digest = createHash("sha256").update(profile).digest("hex").slice(0, 12);
  return `seccomp=<profile of ${profile.length} bytes, sha256 ${digest}>`;
}

export const securityOpt = defineOption<string[]>({
  key: "securityOpt",
  schema: z
    .array(z.string({ error: "expected a security option string" }), {
      error: 'expected a list such as ["no-new-privileges", "seccomp=unconfined"]',
    })
    .superRefine((list, ctx) => {
      // Entries one by one first: the rules across entries read valid entries only.
      const entries = list.map((entry, i) => issueFrom(ctx, () => securityOptEntry(entry), [i]));
      if (entries.every((entry) => entry !== undefined)) issueFrom(ctx, () => parseSecurityOpt(list));
    }),
  normalize: parseSecurityOpt,
  whenUndeclared: () => [],
  write: (body, value) => {
    const host = body.HostConfig as Docker.HostConfig & { MaskedPaths?: string[]; ReadonlyPaths?: string[] };
    host.SecurityOpt = value.filter((e) => e !== SYSTEMPATHS_UNCONFINED);
    if (value.includes(SYSTEMPATHS_UNCONFINED)) {
      host.MaskedPaths = [];
      host.ReadonlyPaths = [];
    }
  },
  read: (info, ctx) => readSecurityOpt(info, ctx.desired.securityOpt as string[] | undefined),
  show: (value) => (value.length ? value.map(showEntry).join(", ") : "none"),
  apply: "replace",
});
