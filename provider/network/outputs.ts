import type Docker from "dockerode";
import { AUTONAME_KEY, type Inputs } from "./inputs";

/** The outputs: the inputs it was made from and what the engine reports (name, driver, subnets, gateways). */
export function networkOutputs(inputs: Inputs, info: Docker.NetworkInspectInfo): Inputs {
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
