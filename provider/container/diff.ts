import type Docker from "dockerode";
import { engineClient, type EngineClient } from "../docker/client";
import { declaredNetworks, describeMissing, missingNetworks } from "./network-lookup";
import { findImage } from "../docker/images";
import { isDeepStrictEqual } from "util";
import { imageForDiff } from "./lifecycle/image-source";
import { SETTINGS } from "./lifecycle/settings";
import { fingerprintKey, type SettingSpec } from "./setting";
import { isNotFound } from "../docker/errors";
import { containsUnknown } from "../unknown";
import { compare, containerIdsFor, desiredContext, type Difference } from "./compare";
import { describe, type Inputs } from "./inputs";
import { explainDiff } from "./explain";
import { logToEngine } from "../engine-log";
import { parsePortSpec } from "./ports";
import { rememberObservation } from "./observed";
import { identityIn, rememberKnown } from "../identity";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  differences: Difference[];
}

/** Property name used in `replaces` when the container itself is gone. */
export const GONE = "id";

/** A fixed name, host port, MAC or static address cannot exist twice: the old container must go first. */
function mustDeleteFirst(news: Inputs): boolean {
  if (news.name !== undefined || news.macAddress !== undefined) return true;
  const networks = news.networks;
  if (Array.isArray(networks) && networks.some((n) => typeof n === "object" && n !== null && ("ipv4Address" in n || "ipv6Address" in n))) return true;
  const ports = news.ports;
  if (!Array.isArray(ports) || containsUnknown(ports)) return containsUnknown(ports);
  try {
    return ports.some((p) => parsePortSpec(p).host !== undefined);
  } catch {
    return true;
  }
}

/**
 * A declared network the container is not on yet, and that the engine does not have, would fail the up: say so
 * now. Networks the container is attached to exist, so a diff with nothing to join costs no lookup.
 */
async function warnMissingNetworks(client: EngineClient, news: Inputs, info: Docker.ContainerInspectInfo): Promise<void> {
  const attached = new Set(Object.keys(info.NetworkSettings?.Networks ?? {}));
  const pending = declaredNetworks(news).filter((n) => !attached.has(n.name));
  if (!pending.length) return;
  const missing = await missingNetworks(client, pending).catch(() => []);
  if (missing.length) {
    await logToEngine(`${describe(news, info.Id)}: ${describeMissing(missing)}: up will fail unless it is created first`, "warning");
  }
}

/** Settings that differ from the previous run's inputs (fingerprints included). */
function changedSettings(olds: Inputs, news: Inputs): SettingSpec[] {
  return SETTINGS.filter((s) => [s.key, fingerprintKey(s.key)].some((k) => !isDeepStrictEqual(olds[k], news[k])));
}

export async function diff(id: string, olds: Inputs, news: Inputs): Promise<DiffResult> {
  // The stack's own container: a replacement's create must not take it for a leftover.
  rememberKnown(identityIn(news) ?? identityIn(olds), id);
  const changed = changedSettings(olds, news);
  const settings = changed.filter((s) => s.replaceOnChange).map((s) => s.key);
  // The container lives where the old inputs said only when the engine itself changes; otherwise the new
  // settings (e.g. rotated TLS material) reach it.
  const client = await engineClient(changed.some((s) => s.key === "host") ? olds : news);
  const deleteBeforeReplace = mustDeleteFirst(news);
  const imageRef = news.image;
  // The container, its image and the containers it refers to are looked up at once: every preview and up waits for
  // one Engine API round trip instead of three in a row.
  const [info, image, containerIds] = await Promise.all([
    client.docker
      .getContainer(id)
      .inspect()
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
        return undefined;
      }),
    typeof imageRef === "string" && !containsUnknown(imageRef) ? imageForDiff(client, news) : undefined,
    containerIdsFor(client, news),
  ]);
  if (!info) {
    // Removed outside Pulumi: recreate it.
    await logToEngine(`${describe(news, id)} no longer exists on the engine: it will be created again`);
    return { changes: true, replaces: [GONE], deleteBeforeReplace, differences: [] };
  }
  if (settings.length) await logToEngine(`${describe(news, id)}: ${settings.map((k) => `${k}: changed (replace)`).join("; ")}`);
  if (!image) {
    // Not known yet, or not on the engine: it cannot be the container's image as far as we can tell.
    if (!containsUnknown(imageRef)) await logToEngine(`${describe(news, id)}: image ${JSON.stringify(imageRef)} is not on the engine (replace)`);
    return { changes: true, replaces: [...settings, "image"], deleteBeforeReplace, differences: [] };
  }
  const ctx = desiredContext(news, image, { containerIds, daemon: client.daemon });
  const containerImage = info.Image === image.id ? image : await findImage(client, info.Image);
  const differences = compare(news, ctx, info, containerImage ?? image);
  // A difference whose input did not change since the last run is drift: the container was changed outside Pulumi.
  const isDrift = (d: Difference) => isDeepStrictEqual(olds[d.key], news[d.key]);
  if (differences.length) await logToEngine(explainDiff(`container "${info.Name.replace(/^\//, "")}"`, differences, isDrift));
  await warnMissingNetworks(client, news, info);
  const replaces = [...settings, ...differences.filter((d) => d.mode === "replace").map((d) => d.key)];
  // A setting that only steers (delete timeout, volumes on delete, TLS material) is still a change: update stores it
  // in the outputs, which read and delete work from.
  const changes = differences.length > 0 || changed.length > 0;
  if (changes && !replaces.length) rememberObservation(id, client.endpoint, news, { ctx, info });
  return { changes, replaces, deleteBeforeReplace, differences };
}
