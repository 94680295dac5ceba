// Where a Docker engine is: the `host` URL forms the docker CLI takes (unix://, tcp://, ssh://), parsed into one
// canonical form that names the engine in messages and identifies it (a change of engine replaces a container).
import { isIP } from "net";

export type HostUrl =
  | { scheme: "unix"; socketPath: string }
  | { scheme: "tcp"; host: string; port?: number }
  | { scheme: "ssh"; host: string; port?: number; username?: string };

export const LOCAL_SOCKET = "/var/run/docker.sock";

const HOST_FORMS = "unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host";

/** A host name or IP address as the URL parser gives it (IPv6 in brackets). */
function validHostname(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(bare) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9-]{0,62})?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62})?)*\.?$/.test(bare);
}

/** Parses a host URL; throws an Error whose message says what is wrong and what is expected. */
export function parseHost(value: string): HostUrl {
  const trimmed = value.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(trimmed)?.[1]?.toLowerCase();
  if (!scheme) throw new Error(`expected a URL such as ${HOST_FORMS}`);
  if (scheme === "unix") {
    const socketPath = trimmed.slice("unix://".length);
    if (!socketPath.startsWith("/")) throw new Error("a unix:// host needs an absolute socket path, e.g. unix:///var/run/docker.sock");
    return { scheme, socketPath: socketPath.replace(/\/+$/, "") || "/" };
  }
  if (scheme === "npipe") throw new Error("npipe:// is a Windows named pipe: use tcp:// or ssh:// to reach a Windows engine from here");
  if (scheme !== "tcp" && scheme !== "ssh") {
    throw new Error(`the ${scheme}:// scheme is not supported: expected ${HOST_FORMS}`);
  }
  if (trimmed.length === scheme.length + 3) throw new Error(`a ${scheme}:// host needs a host name or IP address`);
  let url: URL;
  try {
    // URL only fills host and port for schemes it knows the shape of: parse as http, keep the scheme.
    url = new URL(`http://${trimmed.slice(scheme.length + 3)}`);
  } catch {
    throw new Error(`not a valid ${scheme}:// URL: expected ${scheme === "tcp" ? "tcp://host:port" : "ssh://user@host[:port]"}`);
  }
  if (!url.hostname || !validHostname(url.hostname)) throw new Error(`a ${scheme}:// host needs a host name or IP address`);
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new Error(`a ${scheme}:// host is only a host and port: remove the path "${url.pathname}${url.search}"`);
  }
  const port = url.port === "" ? undefined : Number(url.port);
  if (scheme === "tcp") {
    if (url.username || url.password) throw new Error("a tcp:// host takes no user name: authenticate with tls (client certificate)");
    return { scheme, host: url.hostname, port };
  }
  if (url.password) throw new Error("an ssh:// host takes no password: load the key into an ssh agent (SSH_AUTH_SOCK)");
  return { scheme, host: url.hostname, port, username: url.username ? decodeURIComponent(url.username) : undefined };
}

/** The message for an invalid host, or undefined when it parses. */
export function hostProblem(value: string): string | undefined {
  try {
    parseHost(value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** One spelling per engine: scheme lowercase, default ports filled in (2376 with TLS, 2375 without; ssh 22). */
export function canonicalHost(url: HostUrl, tls: boolean): string {
  switch (url.scheme) {
    case "unix":
      return `unix://${url.socketPath}`;
    case "tcp":
      return `tcp://${url.host}:${url.port ?? (tls ? 2376 : 2375)}`;
    case "ssh":
      return `ssh://${url.username ? `${encodeURIComponent(url.username)}@` : ""}${url.host}:${url.port ?? 22}`;
  }
}
