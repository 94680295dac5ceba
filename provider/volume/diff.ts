import { isDeepStrictEqual } from "util";
import { engineClient } from "../docker/client";
import { declaredEngine } from "../docker/endpoint-select";
import { logToEngine } from "../engine-log";
import { containsUnknown } from "../unknown";
import { drift, explainDrift, inspectVolume } from "./engine";
import { canonical, changedInputs, describe, type Inputs } from "./inputs";

export const GONE = "id";

function shown(value: unknown): string {
  return containsUnknown(value) ? "(known after other resources are created)" : (JSON.stringify(value) ?? "unset");
}

/**
 * The engine cannot change a volume, so any difference replaces it (and its data: see retainOnDelete): an input
 * changed since the last run, the volume removed outside Pulumi, or its labels or options different because it
 * was recreated outside Pulumi. A volume with a fixed name goes before its replacement is created.
 */
export async function diff(id: string, olds: Inputs, news: Inputs): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean; reasons: string[] }> {
  const deleteBeforeReplace = news.name !== undefined;
  if (containsUnknown(news.host) || declaredEngine(olds) !== declaredEngine(news)) {
    const reason = `host: ${shown(olds.host)} -> ${shown(news.host)}`;
    await logToEngine(`${describe(news)}: ${reason} (replace)`);
    return { changes: true, replaces: ["host"], deleteBeforeReplace, reasons: [reason] };
  }
  const client = await engineClient(news);
  const changed = changedInputs(olds, news);
  const replaces: string[] = [...changed];
  const reasons = changed.map((key) => `${key}: ${shown(canonical(key, olds))} -> ${shown(news[key] === undefined ? canonical(key, news) : news[key])}`);
  const info = await inspectVolume(client, id);
  if (!info) {
    replaces.push(GONE);
    reasons.push(`it was removed outside Pulumi: it will be created again (empty)`);
  } else if (!changed.length) {
    const differences = drift(news, info);
    replaces.push(...differences.map((d) => d.key));
    if (differences.length) reasons.push(`${explainDrift(differences)} (changed outside Pulumi)`);
  }
  // CreatedAt is not compared: the local driver reports its folder's modification time, which mounts change.
  if (reasons.length) await logToEngine(`${describe(news)}: ${reasons.join("; ")} (replace)`);
  const stored = (["tls", "adopt"] as const).some((k) => !containsUnknown(news[k]) && !isDeepStrictEqual(olds[k], news[k]));
  return { changes: replaces.length > 0 || stored, replaces, deleteBeforeReplace: deleteBeforeReplace && replaces.length > 0, reasons };
}
