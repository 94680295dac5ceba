import Docker from "dockerode";

// Newest Engine API version whose behaviour the reconciler is written and tested against.
export const MAX_API_VERSION = "1.45";

/** Daemon-wide defaults that containers get when an option is not declared (GET /info, once per process). */
export interface DaemonFacts {
  loggingDriver?: string;
  defaultRuntime?: string;
}

export interface EngineClient {
  docker: Docker;
  apiVersion: string;
  /** Where the engine is, for error messages. */
  endpoint: string;
  daemon: DaemonFacts;
}

const clients = new Map<string, Promise<EngineClient>>();

function compareVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}

function describeEndpoint(): string {
  return process.env.DOCKER_HOST || "unix:///var/run/docker.sock";
}

/**
 * One client per engine per provider process, with the API version negotiated once:
 * the lower of what the engine speaks and what this code was tested against.
 * `inputs`: the resource's inputs, which may name the engine (see lifecycle/engine-settings.ts).
 */
export function engineClient(_inputs: Record<string, unknown> = {}): Promise<EngineClient> {
  const endpoint = describeEndpoint();
  let client = clients.get(endpoint);
  if (!client) {
    client = (async () => {
      const probe = new Docker();
      let serverVersion: string;
      let info: { LoggingDriver?: string; DefaultRuntime?: string };
      try {
        [serverVersion, info] = await Promise.all([probe.version().then((v) => v.ApiVersion), probe.info()]);
      } catch (err) {
        throw new Error(
          `cannot reach the Docker engine at ${endpoint}: ${(err as Error).message}. ` +
            `Start Docker, or point DOCKER_HOST at a running engine.`,
        );
      }
      const apiVersion = compareVersions(serverVersion, MAX_API_VERSION) < 0 ? serverVersion : MAX_API_VERSION;
      const daemon = { loggingDriver: info.LoggingDriver || undefined, defaultRuntime: info.DefaultRuntime || undefined };
      return { docker: new Docker({ version: `v${apiVersion}` }), apiVersion, endpoint, daemon };
    })();
    client.catch(() => clients.delete(endpoint));
    clients.set(endpoint, client);
  }
  return client;
}
