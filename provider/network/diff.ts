import { isDeepStrictEqual } from "util";
import { engineClient } from "../docker/client";
import { declaredEngine } from "../docker/endpoint-select";
import { logToEngine } from "../engine-log";
import { containsUnknown } from "../unknown";
import { inspectNetwork, networkNamed } from "./engine";
import { canonical, changedInputs, describe, networkName, type Inputs } from "./inputs";
import { drift, explainDrift, show } from "./observed";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  reasons: string[];
}

/** Property name used in `replaces` when the network itself is gone. */
export const GONE = "id";

function shown(value: unknown): string {
  return containsUnknown(value) ? "(known after other resources are created)" : show(value);
}

/**
 * The engine cannot change a network (only connect and disconnect containers), so any difference replaces it:
 * an input changed since the last run, the network removed outside Pulumi, or its settings changed outside
 * Pulumi (a network recreated under the same id cannot happen; one recreated under the same name is "removed").
 * A network with a fixed name goes before its replacement is created; a generated name is replaced
 * create-before-delete, so containers move to the new network in place before the old one is removed.
 */
export async function diff(id: string, olds: Inputs, news: Inputs): Promise<DiffResult> {
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
  const info = await inspectNetwork(client, id);
  if (!info) {
    replaces.push(GONE);
    const name = networkName(olds);
    const other = name ? await networkNamed(client, name) : undefined;
    reasons.push(
      `${id.slice(0, 12)} was removed outside Pulumi: it will be created again` +
        (other ? ` (a network named "${name}" exists now, ${other.Id.slice(0, 12)}, not made by this stack: remove it, or set adopt: true to take it over)` : ""),
    );
  } else if (!changed.length) {
    const differences = drift(news, info);
    replaces.push(...differences.map((d) => d.key));
    if (differences.length) reasons.push(`${explainDrift(differences)} (changed outside Pulumi)`);
  }
  if (reasons.length) await logToEngine(`${describe(news)}: ${reasons.join("; ")} (replace)`);
  // New TLS material for the same engine, or adopt: no new network, but stored (an update) for delete and read.
  const stored = (["tls", "adopt"] as const).some((k) => !containsUnknown(news[k]) && !isDeepStrictEqual(olds[k], news[k]));
  return { changes: replaces.length > 0 || stored, replaces, deleteBeforeReplace: deleteBeforeReplace && replaces.length > 0, reasons };
}
