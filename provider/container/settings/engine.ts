// Which Docker engine the container lives on: local socket, tcp with TLS, or ssh. Undeclared: DOCKER_HOST
// (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the stack config dockwright:host, else the local socket
// (provider/docker/endpoint-select.ts).
import { z } from "zod";
import { hostProblem } from "../../docker/endpoint";
import { engineTimeoutsSchema } from "../../docker/timeouts";
import { tlsSchema } from "../../docker/tls";
import { containsUnknown } from "../../unknown";
import type { CheckFailure } from "../options/spec";
import { defineSetting, type SettingSpec } from "../options/spec";

export const hostSchema = z.string({ error: "expected an engine URL such as tcp://host:2376, ssh://user@host or unix:///var/run/docker.sock" }).superRefine((v, ctx) => {
  const problem = hostProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * Rules between host and tls, shared with ContainerCommit. Only known values reach cross checks: tls without a
 * host may be a host not known yet, so that case fails when the engine is chosen (endpoint-select.ts).
 */
export function engineCrossCheck(inputs: Record<string, unknown>): CheckFailure[] {
  const { host, tls } = inputs;
  if (tls === undefined || containsUnknown(host)) return [];
  if (typeof host === "string" && !/^tcp:\/\//i.test(host.trim())) {
    return [{ property: "tls", reason: `tls applies to tcp:// hosts only; ${host.trim().split("://")[0]}:// engines are reached without it` }];
  }
  return [];
}

const host = defineSetting({
  key: "host",
  schema: hostSchema,
  // Another engine holds another container: it is created there and the old one removed from the old engine.
  replaceOnChange: true,
  change: "(created on the new engine, the old one removed from the old engine)",
  crossCheck: engineCrossCheck,
});

const tls = defineSetting({
  key: "tls",
  schema: tlsSchema,
  // New certificates for the same engine (rotation) reach the same container: no replacement.
  change: "(e.g. rotated certificates)",
  sensitive: true,
});

const engineTimeouts = defineSetting({
  key: "engineTimeouts",
  // How long each Engine API call may take (docker/timeouts.ts): steers only, never the container.
  schema: engineTimeoutsSchema,
});

export const ENGINE_SETTINGS: SettingSpec[] = [host, tls, engineTimeouts];
