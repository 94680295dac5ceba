// The logging driver and its options. The engine fixes them at create: a change replaces the container.
//
// The daemon's default driver and its default options (daemon.json "log-driver", "log-opts") are not in the
// Context, and the engine merges the default options into a container that uses the default driver. So:
// - logDriver undeclared is not compared (any driver the daemon chose is its default), unless the Context carries
//   the daemon's default driver (`daemon.loggingDriver`, see daemonLogDriver);
// - declared logOptions are compared key by key, and keys the container holds beyond them are the daemon's
//   defaults, unless the container's driver is known not to be the daemon's default (then the engine added nothing
//   and the whole map is compared).
import type Docker from "dockerode";
import { z } from "zod";
import { parseKeyValues, sortedMap, userMap, type StringMap } from "../forms/key-values";
import { quote } from "../forms/messages";
import { defineOption, type CheckFailure, type Context, type CreateBody } from "./spec";
import { keyValueInput } from "../forms/schemas";

/** The daemon's default logging driver, when the Context carries it (GET /info `LoggingDriver`). */
function daemonLogDriver(ctx: Context): string | undefined {
  return ctx.daemon?.loggingDriver;
}

function logConfig(info: Docker.ContainerInspectInfo): { Type: string; Config: StringMap } {
  const raw = (info.HostConfig.LogConfig ?? {}) as { Type?: string; Config?: Record<string, string> | null };
  return { Type: raw.Type ?? "", Config: sortedMap(Object.entries(raw.Config ?? {})) };
}

function writeLogConfig(body: CreateBody, fields: { Type?: string; Config?: StringMap }): void {
  const current = (body.HostConfig.LogConfig ?? {}) as { Type?: string; Config?: StringMap };
  body.HostConfig.LogConfig = { ...current, ...fields } as Docker.HostConfig["LogConfig"];
}

// Built-in drivers and plugin references (`grafana/loki-docker-driver:latest`).
const DRIVER = /^[a-z0-9][a-z0-9._\/:-]*$/i;

export const logDriver = defineOption<string>({
  key: "logDriver",
  schema: z
    .string({ error: 'expected a logging driver name such as "json-file", "local", "none" or "syslog"' })
    .regex(DRIVER, 'expected a logging driver name such as "json-file", "local", "none" or "syslog"'),
  normalize: (value: string) => value,
  whenUndeclared: (ctx) => daemonLogDriver(ctx),
  write: (body, value) => writeLogConfig(body, { Type: value }),
  read: (info) => logConfig(info).Type,
  apply: "replace",
});

/** Whether the engine may have merged the daemon's default options into this container's log options. */
function daemonMayAdd(driver: string, ctx: Context): boolean {
  const daemonDefault = daemonLogDriver(ctx);
  return daemonDefault === undefined || daemonDefault === driver;
}

const logOptionsInput = keyValueInput({
  error: 'expected a map of option names to values, e.g. {"max-size": "10m", "max-file": "3"}, or a list of "name=value"',
  scalars: "string, number or boolean",
  entry: 'entries are written name=value, e.g. "max-size=10m"',
});

// Go's units.RAMInBytes, which json-file and local use for max-size ("10m", "1.5g", "100kb", "10MiB", bytes).
const GO_SIZE = /^\d+(\.\d+)*\s?[kmgtp]?i?b?$/i;
const GO_BOOL = /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/;

/**
 * The engine checks option names at create, but the values of json-file's and local's options only when the
 * container starts ("failed to initialize logging driver: invalid size: 'lots'"): checked at preview instead.
 */
function logOptionFailures(inputs: Record<string, unknown>): CheckFailure[] {
  const driver = inputs.logDriver;
  if (driver !== undefined && driver !== "json-file" && driver !== "local") return [];
  const options = parseKeyValues(inputs.logOptions as Record<string, unknown> | string[]);
  const failures: CheckFailure[] = [];
  const fail = (name: string, reason: string) => failures.push({ property: `logOptions.${name}`, reason });
  if ("max-size" in options && !GO_SIZE.test(options["max-size"])) fail("max-size", `${quote(options["max-size"])} is not a size; expected e.g. "10m", "1g" or "512k"`);
  if ("max-file" in options && !/^[1-9]\d{0,8}$/.test(options["max-file"])) fail("max-file", `${quote(options["max-file"])} is not a file count; expected a whole number of 1 or more (at most 999999999)`);
  if ("compress" in options && !GO_BOOL.test(options.compress)) fail("compress", `${quote(options.compress)} is not true or false`);
  return failures;
}

// Drivers take credentials as options (splunk-token, loki-url with a password, ...): never shown in messages.
const SECRET_NAME = /token|pass|secret|credential|key/i;

export function showLogOptions(options: StringMap): string {
  const shown = Object.entries(options).map(([name, value]) => {
    if (SECRET_NAME.test(name)) return [name, "(not shown)"];
    return [name, value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1(not shown)@")];
  });
  return JSON.stringify(Object.fromEntries(shown));
}

export const logOptions = defineOption<StringMap>({
  key: "logOptions",
  schema: logOptionsInput,
  normalize: (value: Record<string, unknown> | string[]) => parseKeyValues(value),
  whenUndeclared: (ctx) => {
    const driver = (ctx.desired.logDriver as string | undefined) ?? daemonLogDriver(ctx);
    return driver !== undefined && !daemonMayAdd(driver, ctx) ? userMap() : undefined;
  },
  write: (body, value) => writeLogConfig(body, { Config: value }),
  read: (info, ctx) => {
    const { Type, Config } = logConfig(info);
    const declared = ctx.desired.logOptions as StringMap | undefined;
    // Keys beyond the declared ones may be the daemon's defaults; refresh (nothing declared) reads them all.
    if (!declared || !daemonMayAdd(Type, ctx)) return Config;
    return sortedMap(Object.entries(Config).filter(([k]) => k in declared));
  },
  apply: "replace",
  show: showLogOptions,
  crossCheck: (inputs) => (inputs.logOptions === undefined ? [] : logOptionFailures(inputs)),
});
