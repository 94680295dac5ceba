import type Docker from "dockerode";
import { AUTONAME_KEY, type Inputs } from "./inputs";

/** What the engine reports besides the inputs a network was made from. */
export type NetworkOutputs = Inputs & { name?: string; driver?: string; subnets?: string[]; gateways?: string[] };

/** The outputs: the inputs it was made from and what the engine reports (name, driver, subnets, gateways). */
export function networkOutputs(inputs: Inputs, info: Docker.NetworkInspectInfo): NetworkOutputs {
  const config = (info.IPAM?.Config ?? []) as { Subnet?: string; Gateway?: string }[];
  return JSON.parse(
    JSON.stringify({
      ...inputs,
      // A generated name that was taken gets another suffix at create: keep the one the network has.
      ...(inputs.name === undefined ? { [AUTONAME_KEY]: info.Name } : {}),
      name: info.Name,
      driver: info.Driver,
      subnets: config.map((c) => c.Subnet).filter((s): s is string => !!s),
      gateways: config.map((c) => c.Gateway).filter((g): g is string => !!g),
    }),
  );
}
