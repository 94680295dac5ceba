// Which network and volume drivers an engine has: its built-in ones (GET /info Plugins) and enabled plugins
// (GET /plugins). The engine reports an unknown driver only at create; asking it lets preview name the property.
import { dockerClient, type DockerClient } from "../docker/client";
import { containsUnknown } from "../unknown";

type DriverKind = "Network" | "Volume";

const cache = new Map<string, Promise<Record<DriverKind, string[]>>>();

async function load(client: DockerClient): Promise<Record<DriverKind, string[]>> {
  const [info, plugins] = await Promise.all([
    client.docker.info() as Promise<{ Plugins?: { Network?: string[] | null; Volume?: string[] | null } }>,
    (client.docker.listPlugins() as Promise<{ Name: string; Enabled: boolean; Config?: { Interface?: { Types?: string[] } } }[]>).catch(() => []),
  ]);
  const enabled = (type: string) =>
    plugins.filter((p) => p.Enabled && (p.Config?.Interface?.Types ?? []).some((t) => t.toLowerCase().includes(type))).map((p) => p.Name);
  return {
    Network: [...(info.Plugins?.Network ?? []), ...enabled("networkdriver")],
    Volume: [...(info.Plugins?.Volume ?? []), ...enabled("volumedriver")],
  };
}

/** The engine's drivers of a kind, looked up once per engine per provider process. */
function engineDrivers(client: DockerClient, kind: DriverKind): Promise<string[]> {
  let drivers = cache.get(client.endpoint);
  if (!drivers) {
    drivers = load(client);
    drivers.catch(() => cache.delete(client.endpoint));
    cache.set(client.endpoint, drivers);
  }
  return drivers.then((d) => d[kind]);
}

/** Why the engine cannot use `driver`, or undefined when it has it. A plugin may be named without `:latest`. */
export async function driverProblem(client: DockerClient, kind: DriverKind, driver: string): Promise<string | undefined> {
  const known = await engineDrivers(client, kind);
  if (known.some((d) => d === driver || d === `${driver}:latest`)) return undefined;
  return (
    `"${driver}" is not a ${kind.toLowerCase()} driver the engine at ${client.endpoint} has; it has ${known.join(", ")}. ` +
    `Install and enable the plugin (docker plugin install), or choose one of those`
  );
}

/**
 * The check-time failure for a declared driver the engine does not have (`key` names the property). Skipped while
 * the driver or the engine is not known yet, or when the engine cannot be reached: create reports that.
 */
async function driverFailures(news: Record<string, unknown>, kind: DriverKind, key: string): Promise<{ property: string; reason: string }[]> {
  const driver = news[key];
  if (typeof driver !== "string" || containsUnknown(driver) || containsUnknown(news.host) || containsUnknown(news.tls)) return [];
  let client: DockerClient;
  try {
    client = await dockerClient(news);
  } catch {
    return [];
  }
  const problem = await driverProblem(client, kind, driver).catch(() => undefined);
  return problem ? [{ property: key, reason: problem }] : [];
}

/** A provider's check: the inputs' own rules first, then (when they hold) the engine's drivers. */
export function checkedDriver<R extends { failures: { property: string; reason: string }[] }>(kind: DriverKind, check: (olds: Record<string, unknown>, news: Record<string, unknown>) => R) {
  return async (olds: Record<string, unknown>, news: Record<string, unknown>): Promise<R> => {
    const result = check(olds, news);
    if (!result.failures.length) result.failures.push(...(await driverFailures(news, kind, "driver")));
    return result;
  };
}
