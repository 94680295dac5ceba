// Diff (preview, and the first step of every up): observe without changing anything, plan, and say in the preview
// what will change and how (explain.ts). An in-place plan is handed to the update that follows (observed.ts); a
// replacement is planned as a swap (swap-plan.ts) when create will be able to find the old container.
import type Docker from "dockerode";
import { isDeepStrictEqual } from "util";
import { dockerClient, type DockerClient } from "../docker/client";
import { logToEngine } from "../engine-log";
import { IDENTITY_LABEL, identityIn, rememberKnown } from "../identity";
import type { DiffResult as Decision } from "../shared/diff-result";
import { containsUnknown } from "../unknown";
import { desiredContext, type Difference } from "./compare";
import { explainDiff } from "./explain";
import { describe, type Inputs } from "./inputs";
import { declaredNetworks, describeMissing, missingNetworks } from "./network-lookup";
import { rememberObservation } from "./observed";
import { fingerprintKey, type SettingSpec } from "./options/spec";
import { imageOfContainer, observeForDiff } from "./reconcile/observe";
import { plan } from "./reconcile/plan";
import { SETTINGS } from "./settings";
import { updateOrderOf } from "./settings/replace";
import { planSwap } from "./swap-plan";
import { uniqueOnEngine } from "./unique";

interface DiffResult extends Decision {
  differences: Difference[];
}

/** Property name used in `replaces` when the container itself is gone. */
const GONE = "id";

/**
 * How a replacement runs, said in the preview. A container that carries this resource's identity label, on the
 * same engine, is swapped by create (swap.ts): Pulumi creates first, and create stops the old container itself
 * (stop-first) or after the new one is ready (start-first), with rollback. Without the label (created before
 * identities existed) or across engines, create cannot find it: something that must be unique then makes Pulumi
 * delete it first.
 */
async function replacementOrder(olds: Inputs, news: Inputs, info: Docker.ContainerInspectInfo, changed: SettingSpec[]): Promise<boolean> {
  const identity = identityIn(news);
  const label = (info.Config.Labels ?? {})[IDENTITY_LABEL];
  const movesEngine = changed.some((s) => s.key === "host");
  const who = `container "${info.Name.replace(/^\//, "")}"`;
  if (identity !== undefined && label === identity && !movesEngine) {
    planSwap(identity, info.Id, olds);
    const order = updateOrderOf(news);
    await logToEngine(`${who}: ${order === "start-first" ? "replace, start-first: no interruption" : "replace, swap: stop old, start new"}`);
    return false;
  }
  const unique = uniqueOnEngine(news);
  const why = movesEngine ? "it moves to another engine" : "it has no identity label (created by an older dockwright)";
  await logToEngine(
    unique.length
      ? `${who}: replace, delete first: the old container is removed before the new one is created (${why}, and ${unique.join(", ")} cannot exist twice)`
      : `${who}: replace: the new container is created before the old one is removed (${why})`,
  );
  return unique.length > 0;
}

/**
 * A declared network the container is not on yet, and that the engine does not have, would fail the up: say so
 * now. Networks the container is attached to exist, so a diff with nothing to join costs no lookup.
 */
async function warnMissingNetworks(client: DockerClient, news: Inputs, info: Docker.ContainerInspectInfo): Promise<void> {
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
  const client = await dockerClient(changed.some((s) => s.key === "host") ? olds : news);
  const { info, image, containerIds } = await observeForDiff(client, id, news);
  if (!info) {
    // Removed outside Pulumi: recreate it.
    await logToEngine(`${describe(news, id)} no longer exists on the engine: it will be created again`);
    // Nothing to delete, so nothing to wait for.
    return { changes: true, replaces: [GONE], deleteBeforeReplace: false, differences: [] };
  }
  if (settings.length) await logToEngine(`${describe(news, id)}: ${settings.map((k) => `${k}: changed (replace)`).join("; ")}`);
  if (!image) {
    // Not known yet, or not on the engine: it cannot be the container's image as far as we can tell.
    if (!containsUnknown(news.image)) await logToEngine(`${describe(news, id)}: image ${JSON.stringify(news.image)} is not on the engine (replace)`);
    return { changes: true, replaces: [...settings, "image"], deleteBeforeReplace: await replacementOrder(olds, news, info, changed), differences: [] };
  }
  const ctx = desiredContext(news, image, { containerIds, daemon: client.daemon });
  const { differences, replaces: replaced } = plan(news, ctx, info, (await imageOfContainer(client, info, image)) ?? image);
  // A difference whose input did not change since the last run is drift: the container was changed outside Pulumi.
  const isDrift = (d: Difference) => isDeepStrictEqual(olds[d.key], news[d.key]);
  if (differences.length) await logToEngine(explainDiff(`container "${info.Name.replace(/^\//, "")}"`, differences, isDrift));
  await warnMissingNetworks(client, news, info);
  const replaces = [...settings, ...replaced.map((d) => d.key)];
  // A setting that only steers (delete timeout, volumes on delete, TLS material) is still a change: update stores it
  // in the outputs, which read and delete work from.
  const changes = differences.length > 0 || changed.length > 0;
  if (changes && !replaces.length) rememberObservation(id, client.endpoint, news, { ctx, info });
  const deleteBeforeReplace = replaces.length > 0 && (await replacementOrder(olds, news, info, changed));
  return { changes, replaces, deleteBeforeReplace, differences };
}
