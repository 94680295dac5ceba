// What "up" means after a start: healthy when asked to wait, finished for run-to-completion containers.
import type Docker from "dockerode";
import type { EngineClient } from "../../docker/client";
import type { Inputs } from "../inputs";

/**
 * Called after the run-state step of create and update; `started`: the step started the container.
 * Returns extra outputs (e.g. a job's logs), merged into the resource's outputs.
 */
export async function afterStart(
  _client: EngineClient,
  _container: Docker.Container,
  _inputs: Inputs,
  _started: boolean,
): Promise<Record<string, unknown>> {
  return {};
}
