// Diff for an object the engine cannot change (Network, Volume): any difference replaces it. An input changed
// since the last run, the object removed outside Pulumi, or its settings changed outside Pulumi. One with a fixed
// name goes before its replacement is created; a generated name is replaced create-before-delete.
import { isDeepStrictEqual } from "util";
import { dockerClient } from "../docker/client";
import { declaredEngine } from "../docker/endpoint-select";
import { logToEngine } from "../engine-log";
import { containsUnknown } from "../unknown";
import { changedInputs } from "./changed-inputs";
import type { Inputs } from "./check-inputs";
import type { ExplainedDiff } from "./diff-result";
import { explainDrift, show } from "./drift";
import type { EngineObject } from "./engine-object";
import { describeNamed } from "./named";

/** Property name used in `replaces` when the object itself is gone. */
const GONE = "id";

function shown(value: unknown): string {
  return containsUnknown(value) ? "(known after other resources are created)" : show(value);
}

export async function replaceDiff<K extends string, Info>(kind: EngineObject<K, Info, unknown>, id: string, olds: Inputs, news: Inputs): Promise<ExplainedDiff> {
  const describe = describeNamed(kind.type.toLowerCase(), news);
  const deleteBeforeReplace = news.name !== undefined;
  if (containsUnknown(news.host) || declaredEngine(olds) !== declaredEngine(news)) {
    const reason = `host: ${shown(olds.host)} -> ${shown(news.host)}`;
    await logToEngine(`${describe}: ${reason} (replace)`);
    return { changes: true, replaces: ["host"], deleteBeforeReplace, reasons: [reason] };
  }
  const client = await dockerClient(news);
  const changed = changedInputs(kind.inputKeys, kind.canonical, olds, news);
  const replaces: string[] = [...changed];
  const reasons = changed.map((key) => `${key}: ${shown(kind.canonical(key, olds))} -> ${shown(news[key] === undefined ? kind.canonical(key, news) : news[key])}`);
  const info = await kind.inspect(client, id);
  if (!info) {
    replaces.push(GONE);
    reasons.push(await kind.whenGone(client, id, olds));
  } else if (!changed.length) {
    const differences = kind.drift(news, info);
    replaces.push(...differences.map((d) => d.key));
    if (differences.length) reasons.push(`${explainDrift(differences)} (changed outside Pulumi)`);
  }
  if (reasons.length) await logToEngine(`${describe}: ${reasons.join("; ")} (replace)`);
  // New TLS material for the same engine, or adopt: nothing to redo, but stored (an update) for delete and read.
  const stored = (["tls", "adopt"] as const).some((k) => !containsUnknown(news[k]) && !isDeepStrictEqual(olds[k], news[k]));
  return { changes: replaces.length > 0 || stored, replaces, deleteBeforeReplace: deleteBeforeReplace && replaces.length > 0, reasons };
}
