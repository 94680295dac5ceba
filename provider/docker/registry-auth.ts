// Registry credentials for pulls: the declared `registryAuth`, else the `auths` of the user's Docker config file
// (what `docker login` writes). Credential helpers (`credsStore`, `credHelpers`) are not run: when one is
// configured for the registry and the file holds no auth, pull errors say so.
import { readFileSync } from "fs";
import { homedir } from "os";
import { join } from "path";
import { DOCKER_HUB, registryHost, type ImageReference } from "./registry-reference";

export interface RegistryAuthInput {
  username: string;
  password: string;
  serverAddress?: string;
}

/** The engine's X-Registry-Auth payload. */
interface AuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

export interface ResolvedAuth {
  authconfig?: AuthConfig;
  /** Where the credentials came from, for messages: `registryAuth` or the config file's path. */
  source?: string;
  /** A credential helper configured for this registry whose credentials were not used. */
  helper?: string;
  /** Every secret in play, so messages can be scrubbed of them. */
  secrets: string[];
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`, as the CLI finds it. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG ? join(env.DOCKER_CONFIG, "config.json") : join(homedir(), ".docker", "config.json");
}

/** The address the engine expects for a registry's credentials (Docker Hub keeps its historical one). */
function serverAddressFor(registry: string): string {
  return registry === DOCKER_HUB ? "https://index.docker.io/v1/" : registry;
}

interface ConfigEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface DockerConfig {
  auths?: Record<string, ConfigEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

function readConfig(path: string): DockerConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch (err) {
    throw new Error(`the Docker config file ${path} is not valid JSON (${(err as Error).message}): fix it, or set registryAuth`);
  }
}

function fromEntry(entry: ConfigEntry, serveraddress: string, path: string): AuthConfig | undefined {
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, serveraddress };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new Error(`the auth for ${serveraddress} in ${path} is not base64 of "user:password": run docker login again`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password, serveraddress };
  return undefined;
}

/** Credentials for pulling `image`; none (anonymous) when neither the inputs nor the config file have any. */
export function resolveAuth(image: ImageReference, declared?: RegistryAuthInput, env: NodeJS.ProcessEnv = process.env): ResolvedAuth {
  const serveraddress = serverAddressFor(image.registry);
  if (declared) {
    return {
      authconfig: { username: declared.username, password: declared.password, serveraddress },
      source: "registryAuth",
      secrets: [declared.password],
    };
  }
  const path = dockerConfigPath(env);
  const config = readConfig(path);
  if (!config) return { secrets: [] };
  const helper = config.credHelpers?.[image.registry] ?? config.credsStore;
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (registryHost(key) !== image.registry || !entry) continue;
    const authconfig = fromEntry(entry, serveraddress, path);
    if (authconfig) {
      return { authconfig, source: path, secrets: [authconfig.password, authconfig.identitytoken].filter((s): s is string => !!s) };
    }
  }
  return { helper: helper ? `docker-credential-${helper} (in ${path})` : undefined, secrets: [] };
}

/** Removes every secret from a message (engine errors should never hold one; this makes sure). */
export function scrub(message: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 3).reduce((m, s) => m.split(s).join("***"), message);
}
