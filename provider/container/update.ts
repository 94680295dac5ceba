import { engineClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import { compare, type Difference } from "./compare";
import { converge, imageContext } from "./create";
import { containerError } from "./errors";
import { describe, type Inputs } from "./inputs";
import type { RunState } from "./options";
import { containerOutputs } from "./outputs";

function listKeys(differences: Difference[]): string {
  return differences.map((d) => d.key).join(", ");
}

/**
 * Applies every difference in place, then re-inspects and verifies that each one took effect: never success
 * for a change that did not happen. Also resumes a container left behind by an earlier init failure.
 */
export async function update(id: string, _olds: Inputs, news: Inputs): Promise<{ outs: Inputs }> {
  const client = await engineClient();
  const container = client.docker.getContainer(id);
  let info;
  try {
    info = await container.inspect();
  } catch (err) {
    const hint = isNotFound(err) ? "It was removed outside Pulumi: run `pulumi refresh`, then `pulumi up`" : undefined;
    throw containerError(`cannot update ${describe(news, id)}`, err, hint);
  }
  const ctx = await imageContext(client, news);
  const differences = compare(news, ctx, info);
  const needReplace = differences.filter((d) => d.mode === "replace");
  if (needReplace.length) {
    throw new Error(
      `${describe(news, id)}: ${listKeys(needReplace)} changed since the preview and can only change by replacing the ` +
        `container; nothing was changed. Run \`pulumi up\` again to replace it.`,
    );
  }
  for (const d of differences) {
    if (d.mode === "state") info = await converge(container, news, d.actual as RunState, d.desired as RunState);
  }
  const remaining = compare(news, ctx, info);
  if (remaining.length) {
    throw new Error(
      `${describe(news, id)}: the engine did not apply ${listKeys(remaining)} ` +
        `(${remaining.map((d) => `${d.key} is ${JSON.stringify(d.actual)}, wanted ${JSON.stringify(d.desired)}`).join("; ")}).`,
    );
  }
  return { outs: containerOutputs(news, info) };
}
