// Brings a container's network attachments in line, in place: connect what is missing, reconnect what changed
// (aliases, static addresses and links are fixed per attachment), then disconnect what is no longer declared.
// Connecting first keeps a running container reachable throughout.
import type Docker from "dockerode";
import { isDeepStrictEqual } from "util";
import type { DockerClient } from "../docker/client";
import { containerError } from "./errors";
import { describe, type Inputs } from "./inputs";
import { connectConfig, type Endpoint } from "./options/networking";

interface NetworkPlan {
  connect: Endpoint[];
  reconnect: Endpoint[];
  disconnect: string[];
}

export function planNetworks(desired: Endpoint[], actual: Endpoint[]): NetworkPlan {
  const current = new Map(actual.map((e) => [e.name, e]));
  const wanted = new Set(desired.map((e) => e.name));
  return {
    connect: desired.filter((e) => !current.has(e.name)),
    reconnect: desired.filter((e) => current.has(e.name) && !isDeepStrictEqual(current.get(e.name), e)),
    disconnect: actual.filter((e) => !wanted.has(e.name)).map((e) => e.name),
  };
}

export async function applyNetworks(
  client: DockerClient,
  container: Docker.Container,
  inputs: Inputs,
  desired: Endpoint[],
  actual: Endpoint[],
): Promise<void> {
  const plan = planNetworks(desired, actual);
  const step = async (what: string, network: string, action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (err) {
      throw containerError(`networks: cannot ${what} ${describe(inputs)} ${what === "disconnect" ? "from" : "to"} network "${network}"`, err,
        "Check that the network exists and that static addresses are inside its subnet");
    }
  };
  const connect = (e: Endpoint) =>
    step("connect", e.name, async () => {
      const network = client.docker.getNetwork(e.name);
      // The engine accepts connecting a created container to a network that does not exist, and fails only at
      // start: look it up first, so the failure comes before anything is left behind.
      await network.inspect();
      await network.connect({ Container: container.id, EndpointConfig: connectConfig(e) });
    });
  const disconnect = (name: string) =>
    step("disconnect", name, () => client.docker.getNetwork(name).disconnect({ Container: container.id, Force: false }));

  for (const e of plan.connect) await connect(e);
  const previous = new Map(actual.map((e) => [e.name, e]));
  for (const e of plan.reconnect) {
    await disconnect(e.name);
    try {
      await connect(e);
    } catch (err) {
      // Put the working attachment back before reporting: a failed change must not cost the old connection.
      await client.docker.getNetwork(e.name).connect({ Container: container.id, EndpointConfig: connectConfig(previous.get(e.name)!) }).catch(() => undefined);
      throw err;
    }
  }
  for (const name of plan.disconnect) await disconnect(name);
}
