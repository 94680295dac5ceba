// The engine calls a Volume needs, and how the engine's volume compares with the declaration.
import { sortedMap } from "../container/forms/key-values";
import type { DockerClient } from "../docker/client";
import { unlessNotFound } from "../docker/errors";
import { driftOf, type Drift } from "../shared/drift";
import { canonical, type InputKey, type Inputs } from "./inputs";

export { explainDrift } from "../shared/drift";

export interface VolumeInfo {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

export async function inspectVolume(client: DockerClient, name: string): Promise<VolumeInfo | undefined> {
  return (await unlessNotFound(client.docker.getVolume(name).inspect())) as VolumeInfo | undefined;
}

/** Containers (running or not) that mount the volume. */
export async function volumeUsers(client: DockerClient, name: string): Promise<{ id: string; name: string }[]> {
  const list = await client.docker.listContainers({ all: true, filters: JSON.stringify({ volume: [name] }) });
  // The filter also matches by mount destination: keep the containers that mount this volume.
  return list
    .filter((c) => (c.Mounts ?? []).some((m) => m.Type === "volume" && m.Name === name))
    .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, "") }));
}

function observed(key: InputKey, info: VolumeInfo): unknown {
  switch (key) {
    case "name":
      return info.Name;
    case "driver":
      return info.Driver;
    case "driverOptions":
      return sortedMap(Object.entries(info.Options ?? {}));
    case "labels":
      return sortedMap(Object.entries(info.Labels ?? {}));
  }
}

/** The inputs the engine's volume does not match (name aside: it is the volume's id). */
export function drift(inputs: Inputs, info: VolumeInfo): Drift<InputKey>[] {
  return driftOf(["driver", "driverOptions", "labels"] as const, canonical, observed, inputs, info);
}

/** What the engine reports besides the inputs a volume was made from. */
export type VolumeOutputs = Inputs & { name?: string; driver?: string; mountpoint?: string; createdAt?: string };

export function volumeOutputs(inputs: Inputs, info: VolumeInfo): VolumeOutputs {
  return JSON.parse(
    JSON.stringify({
      ...inputs,
      name: info.Name,
      driver: info.Driver,
      mountpoint: info.Mountpoint,
      createdAt: info.CreatedAt ?? "",
    }),
  );
}
