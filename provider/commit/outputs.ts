import type Docker from "dockerode";
import { withoutIdentityLabels } from "../identity";
import type { Inputs } from "./inputs";

/** How many changed paths the outputs list (a setup job can touch thousands). */
const FIRST_PATHS = 20;

interface DiskChanges {
  added: number;
  changed: number;
  deleted: number;
  /** The first paths in path order, marked as `docker diff` does: `A /srv/app`, `C /etc`, `D /tmp/x`. */
  firstPaths: string[];
}

const KIND = ["C", "A", "D"];

/** `GET /containers/{id}/changes` (Kind 0 changed, 1 added, 2 deleted; null when nothing changed). */
export function summarizeChanges(changes: { Path: string; Kind: number }[] | null): DiskChanges {
  const list = [...(changes ?? [])].sort((a, b) => (a.Path < b.Path ? -1 : a.Path > b.Path ? 1 : 0));
  const count = (kind: number) => list.filter((c) => c.Kind === kind).length;
  return {
    added: count(1),
    changed: count(0),
    deleted: count(2),
    firstPaths: list.slice(0, FIRST_PATHS).map((c) => `${KIND[c.Kind] ?? "?"} ${c.Path}`),
  };
}

/** The image config a container started from the commit inherits, with engine nulls as empty values. */
function imageConfig(info: Docker.ImageInspectInfo) {
  const config = (info.Config ?? {}) as Partial<Docker.ImageInspectInfo["Config"]> & { StopSignal?: string };
  return {
    cmd: config.Cmd ?? [],
    entrypoint: (config.Entrypoint as string[] | null | undefined) ?? [],
    env: config.Env ?? [],
    labels: withoutIdentityLabels(config.Labels ?? {}),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    user: config.User ?? "",
    workingDir: config.WorkingDir ?? "",
    stopSignal: config.StopSignal ?? "",
  };
}

/** What the engine reports besides the inputs a commit was made from. */
export type CommitOutputs = Inputs & {
  imageId?: string;
  repoTags?: string[];
  createdAt?: string;
  size?: number;
  containerId?: string;
  parentImageId?: string;
  config?: ReturnType<typeof imageConfig>;
  diskChanges?: DiskChanges;
};

/** The outputs: the inputs it was made from, and what the engine reports about the image. */
export function commitOutputs(inputs: Inputs, info: Docker.ImageInspectInfo, containerId: string, diskChanges: DiskChanges): CommitOutputs {
  return JSON.parse(
    JSON.stringify({
      ...inputs,
      imageId: info.Id,
      repoTags: [...(info.RepoTags ?? [])].sort(),
      createdAt: info.Created,
      size: info.Size,
      containerId,
      parentImageId: info.Parent ?? "",
      config: imageConfig(info),
      diskChanges,
    }),
  );
}

/** Refreshed outputs: the stored ones with what the engine now reports (tags, size). */
export function refreshedOutputs(stored: Inputs, info: Docker.ImageInspectInfo): CommitOutputs {
  return JSON.parse(
    JSON.stringify({ ...stored, imageId: info.Id, repoTags: [...(info.RepoTags ?? [])].sort(), size: info.Size, config: imageConfig(info) }),
  );
}
