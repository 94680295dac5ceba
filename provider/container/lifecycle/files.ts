// Files written into a new container after create and before its first start.
import type Docker from "dockerode";
import type { EngineClient } from "../../docker/client";
import type { Inputs } from "../inputs";

export async function writeFiles(_client: EngineClient, _container: Docker.Container, _inputs: Inputs): Promise<void> {
  // No uploads yet.
}
