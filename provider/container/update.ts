import { engineClient } from "../docker/client";
import { containerError } from "./errors";
import { startOrKeep } from "./create";
import { describe, type Inputs } from "./inputs";
import { containerOutputs } from "./outputs";
import { isNotFound } from "../docker/errors";

/** Converges the container in place; also resumes a container left behind by an earlier init failure. */
export async function update(id: string, _olds: Inputs, news: Inputs): Promise<{ outs: Inputs }> {
  const { docker } = await engineClient();
  const container = docker.getContainer(id);
  let info;
  try {
    info = await container.inspect();
  } catch (err) {
    const hint = isNotFound(err) ? "It was removed outside Pulumi: run `pulumi refresh`, then `pulumi up`" : undefined;
    throw containerError(`cannot update ${describe(news, id)}`, err, hint);
  }
  if (!info.State.Running) info = await startOrKeep(container, news);
  return { outs: containerOutputs(news, info) };
}
