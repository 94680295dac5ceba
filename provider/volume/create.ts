import { autoName } from "../container/naming";
import { dockerClient, type DockerClient } from "../docker/client";
import { engineMessage } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { stringMap } from "../shared/check-inputs";
import { driverProblem } from "../shared/drivers";
import { drift, explainDrift, inspectVolume, volumeOutputs, type VolumeInfo } from "./engine";
import { AUTONAME_KEY, canonical, describe, RESOURCE_NAME_KEY, volumeName, type Inputs } from "./inputs";

/**
 * `adopt: true`: the volume that already has the declared name becomes this resource, data included, when it
 * matches the declaration. Making it match would mean removing it and its data, so a mismatch fails instead.
 */
async function adopt(inputs: Inputs, info: VolumeInfo): Promise<{ id: string; outs: Inputs }> {
  const differences = drift(inputs, info);
  if (differences.length) {
    throw new Error(
      `cannot adopt ${describe(inputs)}: it differs from the declaration (${explainDrift(differences)}). A volume cannot be changed ` +
        `in place and dockwright does not remove data to adopt it: declare its actual settings, or move the data and remove it yourself.`,
    );
  }
  await logToEngine(`${describe(inputs)}: adopting the existing volume and its data, which already matches the declaration`);
  return { id: info.Name, outs: volumeOutputs(inputs, info) };
}

/**
 * The engine's create answers with an existing volume of the same name instead of refusing, so a name is looked
 * up first: a generated name that is taken (the volume this one replaces) gets a new suffix, a declared one fails.
 */
async function freeName(client: DockerClient, inputs: Inputs): Promise<string> {
  const name = volumeName(inputs) ?? autoName(String(inputs[RESOURCE_NAME_KEY] ?? "volume"));
  if (!(await inspectVolume(client, name))) return name;
  if (inputs[AUTONAME_KEY] === undefined) {
    throw new Error(
      `cannot create ${describe(inputs)}: a volume with this name already exists on the engine at ${client.endpoint}. ` +
        `Choose another name, or set adopt: true to take it over with its data.`,
    );
  }
  return autoName(String(inputs[RESOURCE_NAME_KEY] ?? "volume"));
}

export async function create(inputs: Inputs): Promise<{ id: string; outs: Inputs }> {
  const client = await dockerClient(inputs);
  if (inputs.adopt === true && typeof inputs.name === "string") {
    const existing = await inspectVolume(client, inputs.name);
    if (existing) return adopt(inputs, existing);
  }
  if (inputs.driver !== undefined) {
    const problem = await driverProblem(client, "Volume", String(inputs.driver));
    if (problem) throw new Error(`cannot create ${describe(inputs)}: driver: ${problem}. Nothing was created.`);
  }
  const name = await freeName(client, inputs);
  let info: VolumeInfo;
  try {
    const volume = await client.docker.createVolume({
      Name: name,
      Driver: canonical("driver", inputs) as string,
      DriverOpts: stringMap(inputs.driverOptions),
      Labels: stringMap(inputs.labels),
    });
    info = (await volume.inspect()) as VolumeInfo;
  } catch (err) {
    throw new Error(`cannot create ${describe({ ...inputs, name })}: ${engineMessage(err)}. Nothing was created.`);
  }
  const named = inputs.name === undefined ? { ...inputs, [AUTONAME_KEY]: name } : inputs;
  const differences = drift(named, info);
  if (differences.length) {
    // Another volume of that name appeared between the lookup and create; it is not ours to remove.
    throw new Error(`cannot create ${describe(named)}: the engine answered with a volume that differs from the declaration (${explainDrift(differences)})`);
  }
  return { id: info.Name, outs: volumeOutputs(named, info) };
}
