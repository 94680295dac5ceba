// Networks, DNS and host entries. Attachments (`networks`) change in place with network connect/disconnect;
// everything else here is fixed at create and replaces the container.
import { z } from "zod";
import { excerpt, quote } from "../forms/messages";
import { parsePortRange, portKey, portKeys, PROTOCOLS, type PortRange, type Protocol } from "../forms/ports";
import { byType, userRecord } from "../forms/schemas";
import { containerIdOf, defineOption, type CheckFailure, type Context, type ContainerKey } from "./spec";
import { parsedBy } from "../forms/issue";
import { configField, flag, hostField } from "./fields";

/** One attachment, canonical: lists sorted, absent values as "" or []. */
export interface Endpoint {
  name: string;
  aliases: string[];
  ipv4Address: string;
  ipv6Address: string;
  links: string[];
}

const sortedUnique = (list: string[] = []) => [...new Set(list)].sort();

/** A legacy link `"db"` is `"db:db"`, as the engine stores it. */
const linkForm = (link: string) => (link.includes(":") ? link : `${link}:${link}`);

export function endpoint(value: string | Partial<Endpoint> & { name: string }): Endpoint {
  const e = typeof value === "string" ? { name: value } : value;
  return {
    name: e.name,
    aliases: sortedUnique(e.aliases),
    ipv4Address: e.ipv4Address ?? "",
    ipv6Address: e.ipv6Address ?? "",
    links: sortedUnique((e.links ?? []).map(linkForm)),
  };
}

/** Networks the engine provides itself; they take no aliases, static addresses or links. */
const BUILTIN = new Set(["bridge", "host", "none", "default"]);
const CONTAINER_MODE = /^container:(.+)$/;

/** networkMode, canonical: "host", "none", "container:<id>", or "network:<name>" (attachments decided by `networks`). */
function modeOf(value: string, ctx: Pick<Context, "containerIds">): string {
  if (value === "host" || value === "none") return value;
  const joined = CONTAINER_MODE.exec(value);
  if (joined) return `container:${containerIdOf(ctx, joined[1]) ?? joined[1]}`;
  return `network:${value === "default" ? "bridge" : value}`;
}

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const networkMode = defineOption<string>({
  key: "networkMode",
  schema: z
    .string({ error: 'expected "bridge", "host", "none", "container:<name|id>" or a network name' })
    .refine((v) => CONTAINER_MODE.test(v) || NETWORK_NAME.test(v), 'expected "bridge", "host", "none", "container:<name|id>" or a network name'),
  normalize: modeOf,
  whenUndeclared: () => "network:bridge",
  write: (body, value) => {
    body.HostConfig.NetworkMode = value.replace(/^network:/, "");
  },
  read: (info, ctx) => modeOf(info.HostConfig.NetworkMode ?? "default", ctx),
  // Which networks a container is on is `networks`' business: any two network modes are the same mode.
  equal: (desired, actual) => desired === actual || (desired.startsWith("network:") && actual.startsWith("network:")),
  show: (value) => value.replace(/^network:/, ""),
  toInput: (value) => value.replace(/^network:/, ""),
  apply: "replace",
  change: "(moving between networks is `networks`' job, in place)",
  containerRefs: (value: string) => {
    const joined = CONTAINER_MODE.exec(value);
    return joined ? [joined[1]] : [];
  },
  crossCheck: (inputs, options) => {
    const mode = inputs.networkMode;
    if (typeof mode !== "string") return [];
    const failures: CheckFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    const own = mode === "host" || mode === "none" || CONTAINER_MODE.test(mode);
    const shown = `"${excerpt(mode)}"`;
    if (own && inputs.networks !== undefined) fail("networks", `networks cannot be combined with networkMode ${shown}`);
    if (own && Array.isArray(inputs.ports) && inputs.ports.length) {
      fail("ports", `ports are not published with networkMode ${shown}: the engine discards them`);
    }
    if (CONTAINER_MODE.test(mode)) {
      for (const { key } of (options ?? []).filter((o) => o.ownNetworkStack)) {
        if (inputs[key] !== undefined) fail(key, `${key} cannot be set with networkMode ${shown}: the container uses the other container's network stack`);
      }
    }
    if (!own && Array.isArray(inputs.networks)) {
      const names = inputs.networks.map((n) => (typeof n === "string" ? n : (n as Endpoint).name));
      const primary = mode === "default" ? "bridge" : mode;
      if (!names.includes(primary)) fail("networkMode", `networkMode ${shown} must be one of the declared networks (${excerpt(names.join(", "), 120)})`);
    }
    return failures;
  },
  // The host's network stack: two running containers fight over the ports their processes bind.
  exclusive: { held: (value) => (value === "host" ? ['networkMode "host" (the host\'s ports)'] : []), deleteFirst: false, whileRunning: true },
});

const NETWORK_NAME_MESSAGE = "expected a network name: a letter or digit, then letters, digits, '_', '.' or '-'";

const endpointInput = byType<string | (Partial<Endpoint> & { name: string })>(
  {
    string: z.string().regex(NETWORK_NAME, NETWORK_NAME_MESSAGE),
    object: z
      .object({
        name: z.string({ error: NETWORK_NAME_MESSAGE }).regex(NETWORK_NAME, NETWORK_NAME_MESSAGE),
        aliases: z.array(z.string({ error: "expected an alias (a host name)" }).min(1, "an alias must not be empty"), { error: "expected a list of aliases" }).optional(),
        ipv4Address: z.ipv4({ error: "expected an IPv4 address such as 172.30.0.10" }).optional(),
        ipv6Address: z.ipv6({ error: "expected an IPv6 address" }).optional(),
        links: z.array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*(:[a-zA-Z0-9][a-zA-Z0-9_.-]*)?$/, 'expected "container" or "container:alias"'), { error: 'expected a list of "container" or "container:alias"' }).optional(),
      })
      .strict(),
  },
  "expected a network name, or {name, aliases, ipv4Address, ipv6Address, links}",
);

function endpointConfig(e: Endpoint): Record<string, unknown> {
  const ipam = { IPv4Address: e.ipv4Address || undefined, IPv6Address: e.ipv6Address || undefined };
  return {
    Aliases: e.aliases.length ? e.aliases : undefined,
    Links: e.links.length ? e.links : undefined,
    IPAMConfig: e.ipv4Address || e.ipv6Address ? ipam : undefined,
  };
}

/** The engine's endpoint settings for connecting `e`. */
export const connectConfig = endpointConfig;

function hasStaticAddress(networks: unknown): boolean {
  return Array.isArray(networks) && networks.some((n) => typeof n === "object" && n !== null && ("ipv4Address" in n || "ipv6Address" in n));
}

export const networks = defineOption<Endpoint[]>({
  key: "networks",
  schema: z
    .array(endpointInput, { error: "expected a list of network names or {name, aliases, ...}" })
    .min(1, 'list at least one network (for none, use networkMode: "none")')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((entry, i) => {
        // Entries that fail their own form are reported by it; the rules across entries read valid ones only.
        if (!endpointInput.safeParse(entry).success) return;
        const e = endpoint(entry);
        if (seen.has(e.name)) ctx.addIssue({ code: "custom", path: [i], message: `network ${quote(e.name)} is listed twice` });
        seen.add(e.name);
        const extras = e.aliases.length || e.ipv4Address || e.ipv6Address || e.links.length;
        if (BUILTIN.has(e.name) && extras) {
          ctx.addIssue({ code: "custom", path: [i], message: `aliases, static addresses and links need a user-defined network, not "${e.name}"` });
        }
        if (e.name === "host" || e.name === "none") {
          ctx.addIssue({ code: "custom", path: [i], message: `"${e.name}" is not a network to join: use networkMode: "${e.name}"` });
        }
      });
    }),
  normalize: (value: Parameters<typeof endpoint>[0][]) =>
    value.map(endpoint).map((e) => (e.name === "default" ? { ...e, name: "bridge" } : e)).sort((a, b) => a.name.localeCompare(b.name)),
  whenUndeclared: (ctx) => {
    // A container without networking is on no network.
    if (ctx.desired.networkDisabled === true) return [];
    const mode = (ctx.desired.networkMode as string | undefined) ?? "network:bridge";
    // On another container's stack: attached to no network of its own.
    if (mode.startsWith("container:")) return [];
    return [endpoint(mode.replace(/^network:/, ""))];
  },
  // The engine takes one network at create; the others are connected right after (see network-apply.ts).
  write: (body, value, ctx) => {
    const mode = ctx.desired.networkMode as string | undefined;
    const primary = value.find((e) => `network:${e.name}` === mode) ?? value[0];
    body.HostConfig.NetworkMode = primary.name;
    body.NetworkingConfig = { EndpointsConfig: { [primary.name]: endpointConfig(primary) as object } };
  },
  read: (info) => {
    // The daemon adds the short id to every endpoint's aliases once the container starts.
    const shortId = info.Id.slice(0, 12);
    const attached = (info.NetworkSettings?.Networks ?? {}) as Record<string, any>;
    // A live container's endpoint without an EndpointID is a leftover of a failed connect: not attached. (A created
    // or stopped container's endpoints have none until it starts.)
    const live = info.State.Running || info.State.Paused;
    return Object.keys(attached)
      .filter((name) => !live || attached[name].EndpointID)
      .sort()
      .map((name) => {
        const n = attached[name];
        return endpoint({
          name,
          aliases: ((n.Aliases ?? []) as string[]).filter((a) => a !== shortId),
          ipv4Address: n.IPAMConfig?.IPv4Address ?? "",
          ipv6Address: n.IPAMConfig?.IPv6Address ?? "",
          links: n.Links ?? [],
        });
      });
  },
  // A container on the host's or another container's stack differs here only when networkMode differs too,
  // and that replaces it: `replaces` names networkMode alone.
  apply: "network",
  change: "new networks are connected first, changed attachments (aliases, addresses, links) reconnected, removed ones disconnected; the process keeps running",
  show: (value) => !value.length ? "no network" : value.map((e) => e.name + (e.aliases.length ? `(${e.aliases.join(",")})` : "") + (e.ipv4Address ? `@${e.ipv4Address}` : "")).join(", "),
  toInput: (value) =>
    value.map((e) =>
      e.aliases.length || e.ipv4Address || e.ipv6Address || e.links.length
        ? Object.fromEntries(Object.entries(e).filter(([, v]) => (Array.isArray(v) ? v.length : v !== "")))
        : e.name,
    ),
  exclusive: { held: (value) => (hasStaticAddress(value) ? ["a static IP address"] : []), deleteFirst: true, whileRunning: true },
});

/** A list of strings written as given and compared in order (DNS servers and search domains are tried in order). */
function hostList(spec: { key: ContainerKey; field: "Dns" | "DnsSearch" | "DnsOptions"; item: z.ZodType; sorted?: boolean; what: string }) {
  const canonical = (list: string[]) => (spec.sorted ? sortedUnique(list) : list);
  return hostField<string[]>({
    key: spec.key,
    field: spec.field,
    schema: z.array(spec.item, { error: `expected a list of ${spec.what}` }),
    normalize: canonical,
    whenUndeclared: () => [],
    read: (raw) => canonical((raw as string[] | null) ?? []),
    ownNetworkStack: true,
  });
}

const dns = hostList({ key: "dns", field: "Dns", item: z.union([z.ipv4(), z.ipv6()], { error: "expected an IP address" }), what: "DNS server addresses" });
const dnsSearch = hostList({ key: "dnsSearch", field: "DnsSearch", item: z.string().regex(/^[a-zA-Z0-9.-]+$/, "expected a domain name"), what: "search domains" });
const dnsOptions = hostList({ key: "dnsOptions", field: "DnsOptions", item: z.string().regex(/^[a-z0-9_-]+(:\S+)?$/i, 'expected a resolver option such as "ndots:2"'), sorted: true, what: "resolver options" });

const HOST_ADDRESS = z.union([z.ipv4(), z.ipv6(), z.literal("host-gateway")], { error: 'expected an IP address, or host-gateway for the host' });

/** `{"db.local": "10.0.0.5"}` or `["db.local:10.0.0.5"]` to sorted `host:address` entries, as inspect lists them. */
function hostEntries(value: Record<string, string> | string[]): string[] {
  const pairs = Array.isArray(value) ? value.map((e) => [e.slice(0, e.indexOf(":")), e.slice(e.indexOf(":") + 1)]) : Object.entries(value);
  return sortedUnique(pairs.map(([host, address]) => `${host}:${address}`));
}

const extraHosts = hostField<string[]>({
  key: "extraHosts",
  field: "ExtraHosts",
  schema: z.union(
    [
      userRecord(HOST_ADDRESS, {
        error: 'expected a map of host to address, or a list of "host:address"',
        keyProblem: (host) => (host === "" || host.includes(":") ? `${quote(host)} is not a host name` : undefined),
      }),
      z.array(
        z.string().refine((e) => e.includes(":") && HOST_ADDRESS.safeParse(e.slice(e.indexOf(":") + 1)).success, 'entries are "host:address" (an IP or host-gateway)'),
      ),
    ],
    { error: 'expected a map of host to address, or a list of "host:address"' },
  ),
  normalize: hostEntries,
  whenUndeclared: () => [],
  read: (raw) => sortedUnique((raw as string[] | null) ?? []),
  ownNetworkStack: true,
});

const macAddress = configField<string>({
  key: "macAddress",
  field: "MacAddress",
  schema: z.string().regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, "expected a MAC address such as 02:42:ac:11:00:02"),
  normalize: (value: string) => value.toLowerCase(),
  // The engine assigns one when none is given: compared only when declared.
  read: (raw) => String(raw ?? "").toLowerCase(),
  ownNetworkStack: true,
  exclusive: { held: () => ["a MAC address"], deleteFirst: true, whileRunning: true },
});

const networkDisabled = flag(configField, "networkDisabled", "NetworkDisabled", {
  crossCheck: (inputs) => {
    if (inputs.networkDisabled !== true) return [];
    const failures: CheckFailure[] = [];
    if (Array.isArray(inputs.ports) && inputs.ports.length) failures.push({ property: "ports", reason: "ports cannot be published when networkDisabled is true" });
    if (inputs.networks !== undefined) failures.push({ property: "networks", reason: "a container with networkDisabled joins no network" });
    return failures;
  },
});

const publishAllPorts = flag(hostField, "publishAllPorts", "PublishAllPorts", { ownNetworkStack: true });

/** `80`, `"53/udp"` or `"8000-8010/tcp"`: a port or range and a protocol, no host part. */
function parseExposed(value: string | number): { container: PortRange; protocol: Protocol } {
  if (typeof value === "number") return { container: parsePortRange(String(value), "port"), protocol: "tcp" };
  const text = value.trim();
  const slash = text.indexOf("/");
  const [port, given] = slash < 0 ? [text, undefined] : [text.slice(0, slash), text.slice(slash + 1)];
  const protocol = (given ?? "tcp").toLowerCase();
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new Error(`${quote(value)} has the protocol ${quote(given)}; expected "80", "80/udp" or "8000-8010/tcp" (tcp, udp or sctp)`);
  }
  if (port.includes(":")) throw new Error(`${quote(value)} has a host part: exposed ports are container ports only, e.g. "80" or "53/udp" (publish with ports)`);
  return { container: parsePortRange(port, "port"), protocol: protocol as Protocol };
}

const exposedInput = z
  .union([z.number().int("expected a whole port number"), z.string()], { error: 'expected a port number or "port[/protocol]", e.g. 80 or "53/udp"' })
  .superRefine(parsedBy(parseExposed));

/** Every exposed port key, each once: ranges are merged before they are expanded, so repeating one costs nothing. */
function exposedKeys(value: (string | number)[]): string[] {
  return portKeys(value.map(parseExposed));
}

/**
 * The container's exposed ports beyond what the image exposes and what `ports` publishes (those are exposed
 * anyway): the canonical form is "what this option adds", so inherited and published ports are never drift.
 */
function extraExposed(all: string[], image: Context["image"], published: string[]): string[] {
  const implicit = new Set([...Object.keys(image.config.ExposedPorts ?? {}), ...published]);
  return sortedUnique(all.filter((p) => !implicit.has(p)));
}

const exposedPorts = defineOption<string[]>({
  key: "exposedPorts",
  schema: z.array(exposedInput, { error: 'expected a list of ports such as 80 or "53/udp"' }),
  normalize: (value: (string | number)[], ctx) =>
    extraExposed(exposedKeys(value), ctx.image, ((ctx.desired.ports ?? []) as { container: number; protocol: string }[]).map(portKey)),
  whenUndeclared: () => [],
  write: (body, value) => {
    body.ExposedPorts = { ...body.ExposedPorts, ...Object.fromEntries(value.map((p) => [p, {}])) };
  },
  read: (info, ctx) =>
    extraExposed(Object.keys(info.Config.ExposedPorts ?? {}), ctx.image, Object.keys(info.HostConfig.PortBindings ?? {})),
  apply: "replace",
  ownNetworkStack: true,
});

export const NETWORK_OPTIONS = [
  networkMode,
  networks,
  dns,
  dnsSearch,
  dnsOptions,
  extraHosts,
  macAddress,
  networkDisabled,
  publishAllPorts,
  exposedPorts,
];
