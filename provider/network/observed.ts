// The network as the engine reports it, in the canonical form of the inputs, and what differs from the declaration.
import type Docker from "dockerode";
import { sortedMap } from "../container/forms/key-values";
import { driftOf, type Drift } from "../shared/drift";
import { canonical, canonicalIpamConfig, type InputKey, type Inputs, type Ipam, type IpamConfig } from "./inputs";

export { explainDrift } from "../shared/drift";

/** Options some engines add on their own (27 and later); not drift unless declared. */
const ENGINE_OPTIONS = ["com.docker.network.enable_ipv4", "com.docker.network.enable_ipv6"];

function ipamConfigOf(info: Docker.NetworkInspectInfo): IpamConfig[] {
  return (info.IPAM?.Config ?? []).map((c) => {
    const entry = c as { Subnet?: string; IPRange?: string; Gateway?: string; AuxiliaryAddresses?: Record<string, string> };
    return canonicalIpamConfig({
      subnet: entry.Subnet ?? "",
      ipRange: entry.IPRange || undefined,
      gateway: entry.Gateway || undefined,
      auxAddresses: entry.AuxiliaryAddresses && Object.keys(entry.AuxiliaryAddresses).length ? entry.AuxiliaryAddresses : undefined,
    });
  });
}

/** The engine's value of an input, projected on what was declared (an engine-chosen subnet or gateway is not drift). */
function observed(key: InputKey, info: Docker.NetworkInspectInfo, declared: unknown): unknown {
  switch (key) {
    case "name":
      return info.Name;
    case "driver":
      return info.Driver;
    case "internal":
      return info.Internal ?? false;
    case "attachable":
      return info.Attachable ?? false;
    case "enableIpv6":
      return info.EnableIPv6 ?? false;
    case "ipam": {
      const want = declared as Ipam;
      const actual = ipamConfigOf(info).sort((a, b) => (a.subnet < b.subnet ? -1 : a.subnet > b.subnet ? 1 : 0));
      const config = want.config?.map((entry, i) => {
        const got = actual[i];
        if (!got) return undefined;
        const keys = Object.keys(entry) as (keyof IpamConfig)[];
        return Object.fromEntries(keys.filter((k) => got[k] !== undefined).map((k) => [k, got[k]]));
      });
      return {
        driver: info.IPAM?.Driver || "default",
        config: want.config === undefined ? undefined : actual.length === want.config.length ? config : actual,
        options: sortedMap(Object.entries(info.IPAM?.Options ?? {})),
      };
    }
    case "options": {
      const want = declared as Record<string, string>;
      return sortedMap(Object.entries(info.Options ?? {}).filter(([k]) => !ENGINE_OPTIONS.includes(k) || k in want));
    }
    case "labels":
      return sortedMap(Object.entries(info.Labels ?? {}));
  }
}

const COMPARED: InputKey[] = ["driver", "internal", "attachable", "enableIpv6", "ipam", "options", "labels"];

/** The inputs the engine's network does not match (name aside: a network cannot be renamed). */
export function drift(inputs: Inputs, info: Docker.NetworkInspectInfo): Drift<InputKey>[] {
  return driftOf(COMPARED, canonical, observed, inputs, info);
}
