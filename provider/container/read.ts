import { engineClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import type { Inputs } from "./inputs";
import { containerOutputs } from "./outputs";

/** Refresh: outputs from inspect; a container removed outside Pulumi leaves the state (empty id). */
export async function read(id: string, props: Inputs): Promise<{ id: string; props: Inputs }> {
  const { docker } = await engineClient();
  try {
    const info = await docker.getContainer(id).inspect();
    return { id: info.Id, props: containerOutputs(props, info) };
  } catch (err) {
    if (isNotFound(err)) return { id: "", props: {} };
    throw err;
  }
}
