// Which engine a resource talks to: its own `host`/`tls`, else DOCKER_HOST (with DOCKER_TLS_VERIFY and
// DOCKER_CERT_PATH, as the docker CLI reads them), else the stack's `dockwright:host`/`dockwright:tls` config,
// else the local socket.
import { canonicalHost, LOCAL_SOCKET, parseHost, type HostUrl } from "./endpoint";
import { readCertDir, tlsMaterial, tlsSchema, type TlsMaterial } from "./tls";

export interface EngineTarget {
  url: HostUrl;
  tls?: TlsMaterial;
  /** Canonical URL: names the engine in messages, never holds secrets. */
  endpoint: string;
  /** Where the choice came from, for messages: "host input", "DOCKER_HOST", "config dockwright:host", "default". */
  source: string;
}

interface EngineConfig {
  host?: string;
  tls?: TlsMaterial;
}

let stackConfig: EngineConfig = {};

/** The stack's `dockwright:*` config, as the dynamic-provider host's `configure` hands it over (strings). */
export function configureEngines(config: { get(key: string): unknown } | undefined): void {
  const get = (key: string) => {
    try {
      return config?.get(key);
    } catch {
      // The host's Config reads a map that is missing when the engine sent no Configure: no stack config.
      return undefined;
    }
  };
  const host = get("dockwright:host");
  let tls = get("dockwright:tls");
  const next: EngineConfig = {};
  if (host !== undefined && host !== "") {
    if (typeof host !== "string") throw new Error("config dockwright:host: expected a URL string");
    try {
      parseHost(host);
    } catch (err) {
      throw new Error(`config dockwright:host: ${(err as Error).message}`);
    }
    next.host = host;
  }
  if (tls !== undefined && tls !== "") {
    // Structured config reaches providers as JSON text.
    if (typeof tls === "string") {
      try {
        tls = JSON.parse(tls);
      } catch {
        throw new Error("config dockwright:tls: expected an object with ca, cert, key and verify (not valid JSON)");
      }
    }
    const parsed = tlsSchema.safeParse(tls);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`config dockwright:tls${issue.path.length ? `.${issue.path.join(".")}` : ""}: ${issue.message}`);
    }
    next.tls = tlsMaterial(parsed.data);
  }
  stackConfig = next;
}

function target(url: HostUrl, tls: TlsMaterial | undefined, source: string): EngineTarget {
  if (tls && url.scheme !== "tcp") throw new Error(`${source}: TLS settings apply to tcp:// hosts only, not ${url.scheme}://`);
  return { url, tls, endpoint: canonicalHost(url, tls !== undefined), source };
}

/** A DOCKER_HOST value, which like the CLI may omit `tcp://`. */
function parseEnvHost(value: string): HostUrl {
  try {
    return parseHost(value.includes("://") ? value : `tcp://${value}`);
  } catch (err) {
    throw new Error(`DOCKER_HOST=${value}: ${(err as Error).message}`);
  }
}

export function selectEngine(inputs: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): EngineTarget {
  if (typeof inputs.host === "string") {
    const parsed = tlsSchema.safeParse(inputs.tls ?? {});
    const tls = inputs.tls !== undefined && parsed.success ? tlsMaterial(parsed.data) : undefined;
    return target(parseHost(inputs.host), tls, "host input");
  }
  if (inputs.tls !== undefined) throw new Error("tls applies to this resource's host: set host to the engine's tcp:// URL too");
  if (env.DOCKER_HOST) {
    const url = parseEnvHost(env.DOCKER_HOST);
    const verify = !!env.DOCKER_TLS_VERIFY;
    // As docker-py: TLS when verification is asked for or a certificate directory is given.
    const useTls = url.scheme === "tcp" && (verify || !!env.DOCKER_CERT_PATH || !!env.DOCKER_TLS);
    return target(url, useTls ? readCertDir(env.DOCKER_CERT_PATH, verify) : undefined, "DOCKER_HOST");
  }
  if (stackConfig.host) return target(parseHost(stackConfig.host), stackConfig.tls, "config dockwright:host");
  return target({ scheme: "unix", socketPath: LOCAL_SOCKET }, undefined, "default");
}

/** The engine a resource's own `host` names, canonical (so `tcp://h` and `tcp://h:2376` with TLS are one), or undefined. */
export function declaredEngine(inputs: Record<string, unknown>): string | undefined {
  if (typeof inputs.host !== "string") return undefined;
  try {
    return canonicalHost(parseHost(inputs.host), inputs.tls !== undefined);
  } catch {
    return inputs.host;
  }
}
