import Docker from "dockerode";
import * as https from "https";
import { withDeadlines } from "./deadlines";
import { configureEngines as configureEndpoints, selectEngine, type EngineTarget } from "./endpoint-select";
import { faultOf } from "./errors";
import { configureTimeouts, effectiveTimeouts, type EngineTimeouts } from "./timeouts";
import { tlsDigest } from "./tls";

/** The stack's `dockwright:*` config: host, tls and engineTimeouts. */
export function configureEngines(config: { get(key: string): unknown } | undefined): void {
  configureEndpoints(config);
  let timeouts: unknown;
  try {
    timeouts = config?.get("dockwright:engineTimeouts");
  } catch {
    timeouts = undefined;
  }
  configureTimeouts(timeouts);
}

// Newest Engine API version whose behaviour the reconciler is written and tested against.
const MAX_API_VERSION = "1.45";

/** Daemon-wide defaults that containers get when an option is not declared (GET /info, once per process). */
export interface DaemonFacts {
  loggingDriver?: string;
  defaultRuntime?: string;
}

export interface DockerClient {
  docker: Docker;
  apiVersion: string;
  /** Where the engine is (canonical URL, no secrets), for error messages. */
  endpoint: string;
  daemon: DaemonFacts;
  /** The deadlines every request of this client has (per resource: its own engineTimeouts). */
  timeouts: EngineTimeouts;
}

const clients = new Map<string, Promise<Omit<DockerClient, "timeouts">>>();

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}

/**
 * docker-modem fills unset options from DOCKER_HOST/DOCKER_CERT_PATH (and would read those files): every
 * connection option is given explicitly and the modem is built with those variables hidden, so the engine is
 * exactly the selected one.
 */
function connect(target: EngineTarget, version?: string): Docker {
  const { url, tls } = target;
  const base = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined, pathPrefix: "/" };
  let options: Record<string, unknown>;
  if (url.scheme === "unix") {
    options = { ...base, socketPath: url.socketPath, protocol: "http" };
  } else if (url.scheme === "ssh") {
    // docker-modem runs `docker system dial-stdio` on the remote host over ssh2, with the local ssh agent's keys.
    options = { ...base, protocol: "ssh", host: url.host, port: url.port ?? 22, username: url.username, sshOptions: { agent: process.env.SSH_AUTH_SOCK } };
  } else if (!tls) {
    options = { ...base, protocol: "http", host: url.host, port: url.port ?? 2375 };
  } else {
    const material = { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.verify };
    options = { ...base, protocol: "https", host: url.host, port: url.port ?? 2376, ...material, agent: new https.Agent(material) };
  }
  if (version) options.version = version;
  const hidden = ["DOCKER_HOST", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_PATH_PREFIX"];
  const saved = hidden.map((k) => [k, process.env[k]] as const);
  for (const k of hidden) delete process.env[k];
  try {
    return new Docker(options as Docker.DockerOptions);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

/** OpenSSL's multi-line errors, reduced to the alert the engine sent (e.g. "certificate required"). */
function reason(err: Error): string {
  const alert = /alert ([a-z ]+?)(?::|$)/m.exec(err.message)?.[1];
  return alert ? `the engine ended the TLS handshake (alert "${alert}")` : err.message;
}

/** What to do about a connection failure, by its kind (TLS errors are the common remote-engine mistakes). */
function hint(target: EngineTarget, err: NodeJS.ErrnoException): string {
  const text = `${err.code ?? ""} ${err.message}`;
  if (target.tls && /ALERT|ECONNRESET|socket hang up|EPROTO/i.test(text)) {
    return "The engine refused the TLS handshake: it probably requires a client certificate (tls.cert and tls.key) signed by its CA.";
  }
  if (target.tls && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(text)) {
    return "The engine's certificate was refused: check tls.ca (the CA that signed the engine's certificate) and that the certificate names this host.";
  }
  if (!target.tls && target.url.scheme === "tcp" && /ECONNRESET|socket hang up/i.test(text)) {
    return "The engine closed the connection: if it serves TLS (usually port 2376), set tls (ca, cert, key).";
  }
  if (faultOf(err) === "timeout") return "Check that the engine runs and answers (docker info; its log), or raise engineTimeouts.lookup.";
  if (target.source === "default") return "Start Docker, or point DOCKER_HOST (or a resource's host) at a running engine, then run `pulumi up` again.";
  return `Check that an engine answers there (chosen by ${target.source}), then run \`pulumi up\` again.`;
}

/**
 * One client per engine (endpoint + TLS material) per provider process, with the API version negotiated once:
 * the lower of what the engine speaks and what this code was tested against.
 * `inputs`: the resource's inputs or stored outputs, which may name the engine (lifecycle/engine-settings.ts);
 * otherwise DOCKER_HOST, the stack's dockwright:host, or the local socket.
 */
export async function dockerClient(inputs: Record<string, unknown> = {}): Promise<DockerClient> {
  const timeouts = effectiveTimeouts(inputs);
  const shared = await sharedClient(inputs, timeouts);
  return { ...shared, docker: withDeadlines(shared.docker, shared.endpoint, timeouts), timeouts };
}

function sharedClient(inputs: Record<string, unknown>, timeouts: EngineTimeouts): Promise<Omit<DockerClient, "timeouts">> {
  let target: EngineTarget;
  try {
    target = selectEngine(inputs);
  } catch (err) {
    return Promise.reject(Object.assign(new Error(`cannot choose the Docker engine: ${(err as Error).message}`), { subjectless: true }));
  }
  const { endpoint } = target;
  const key = `${endpoint} ${tlsDigest(target.tls)}`;
  let client = clients.get(key);
  if (!client) {
    client = (async () => {
      const probe = withDeadlines(connect(target), endpoint, timeouts);
      let serverVersion: string;
      let info: { LoggingDriver?: string; DefaultRuntime?: string };
      try {
        [serverVersion, info] = await Promise.all([probe.version().then((v) => v.ApiVersion), probe.info()]);
      } catch (err) {
        throw Object.assign(
          new Error(`cannot reach the Docker engine at ${endpoint}: ${reason(err as Error)}. ${hint(target, err as NodeJS.ErrnoException)}`),
          // Written for the reader; the provider names the resource in front of it (container/errors.ts).
          { subjectless: true },
        );
      }
      const apiVersion = compareVersions(serverVersion, MAX_API_VERSION) < 0 ? serverVersion : MAX_API_VERSION;
      const daemon = { loggingDriver: info.LoggingDriver || undefined, defaultRuntime: info.DefaultRuntime || undefined };
      return { docker: connect(target, `v${apiVersion}`), apiVersion, endpoint, daemon };
    })();
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}
