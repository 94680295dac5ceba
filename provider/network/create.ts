import type Docker from "dockerode";
import { autoName } from "../container/naming";
import { dockerClient, type DockerClient } from "../docker/client";
import { engineMessage, statusOf } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { driverProblem } from "../shared/drivers";
import { createBody, inspectNetwork, networkNamed } from "./engine";
import { AUTONAME_KEY, describe, networkName, RESOURCE_NAME_KEY, type Inputs } from "./inputs";
import { drift, explainDrift } from "./observed";
import { networkOutputs } from "./outputs";

const taken = (err: unknown) => statusOf(err) === 409 || /already exists/i.test(engineMessage(err));

async function post(client: DockerClient, inputs: Inputs, name: string): Promise<string> {
  const network = await client.docker.createNetwork(createBody(inputs, name));
  return network.id;
}

/** Creates the network; a generated name that is taken (the network this one replaces) gets a new suffix. */
async function createNamed(client: DockerClient, inputs: Inputs): Promise<string> {
  const name = networkName(inputs) ?? autoName(String(inputs[RESOURCE_NAME_KEY] ?? "network"));
  try {
    return await post(client, inputs, name);
  } catch (err) {
    if (!taken(err)) throw new Error(`cannot create ${describe(inputs)}: ${engineMessage(err)}. Nothing was created.`);
    if (inputs[AUTONAME_KEY] === undefined) {
      throw new Error(
        `cannot create ${describe(inputs)}: a network with this name already exists on the engine at ${client.endpoint}. ` +
          `Remove it, choose another name, or set adopt: true to take it over.`,
      );
    }
    return post(client, inputs, autoName(String(inputs[RESOURCE_NAME_KEY] ?? "network")));
  }
}

/**
 * `adopt: true`: the network that already has the declared name becomes this resource when it matches the
 * declaration. A network cannot change in place, and recreating it would cut off whatever is attached, so a
 * mismatch fails and says what differs.
 */
async function adopt(client: DockerClient, inputs: Inputs, info: Docker.NetworkInspectInfo): Promise<{ id: string; outs: Inputs }> {
  const differences = drift(inputs, info);
  if (differences.length) {
    throw new Error(
      `cannot adopt ${describe(inputs)} (${info.Id.slice(0, 12)}): it differs from the declaration (${explainDrift(differences)}). ` +
        `A network cannot be changed in place: declare its actual settings, or remove it (docker network rm ${info.Name}) and run up again to create it as declared.`,
    );
  }
  await logToEngine(`${describe(inputs)}: adopting ${info.Id.slice(0, 12)}, which already matches the declaration`);
  return { id: info.Id, outs: networkOutputs(inputs, info) };
}

export async function create(inputs: Inputs): Promise<{ id: string; outs: Inputs }> {
  const client = await dockerClient(inputs);
  if (inputs.adopt === true && typeof inputs.name === "string") {
    const existing = await networkNamed(client, inputs.name);
    if (existing) return adopt(client, inputs, existing);
  }
  if (inputs.driver !== undefined) {
    // Up without a preview (or a plugin removed since): the engine's own error would not name the property.
    const problem = await driverProblem(client, "Network", String(inputs.driver));
    if (problem) throw new Error(`cannot create ${describe(inputs)}: driver: ${problem}. Nothing was created.`);
  }
  const id = await createNamed(client, inputs);
  const info = await inspectNetwork(client, id);
  if (!info) throw new Error(`cannot create ${describe(inputs)}: the engine reported network ${id.slice(0, 12)} but does not have it`);
  const dropped = drift(inputs, info);
  if (dropped.length) {
    await client.docker.getNetwork(id).remove().catch(() => undefined);
    throw new Error(
      `cannot create ${describe(inputs)}: the engine accepted but did not keep ${dropped.map((d) => d.key).join(", ")} (${explainDrift(dropped)}). ` +
        `Nothing was created: remove the option or choose a value this engine supports.`,
    );
  }
  return { id, outs: networkOutputs(inputs, info) };
}
