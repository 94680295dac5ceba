import type Docker from "dockerode";
import { isDeepStrictEqual } from "util";
import { engineClient, type EngineClient } from "../docker/client";
import { findImage } from "../docker/images";
import { isNotFound } from "../docker/errors";
import { AUTONAME_KEY, type Inputs } from "./inputs";
import type { Context } from "./option";
import { OPTIONS } from "./options";
import { SETTINGS } from "./lifecycle/settings";
import { containerOutputs } from "./outputs";
import { identityIn, rememberKnown } from "../identity";

/**
 * The inputs that would produce this container, read from inspect with the image's defaults subtracted: after a
 * refresh, the stored inputs show exactly what drifted. Hidden keys (`__provider`, the generated name) and
 * settings are kept.
 */
async function inputsFrom(client: EngineClient, info: Docker.ContainerInspectInfo, stored: Inputs): Promise<Inputs> {
  const image = (await findImage(client, info.Image)) ?? { id: info.Image, config: {} };
  const ctx: Context = { imageRef: String(stored.image ?? info.Config.Image), image, desired: {}, containerIds: {}, daemon: client.daemon };
  // Hidden keys and settings are not in inspect: they stay as stored.
  const settings = new Set(SETTINGS.map((s) => s.key));
  const inputs: Inputs = Object.fromEntries(Object.entries(stored).filter(([k]) => k.startsWith("__") || settings.has(k)));
  for (const option of OPTIONS) {
    const actual = option.read(info, ctx);
    if (option.key === "image") {
      // Keep the reference the program used while it still names the container's image.
      const storedRef = typeof stored.image === "string" ? await findImage(client, stored.image) : undefined;
      inputs.image = storedRef?.id === info.Image ? stored.image : info.Config.Image;
      continue;
    }
    if (option.key === "name" && stored[AUTONAME_KEY] !== undefined) {
      inputs[AUTONAME_KEY] = actual;
      continue;
    }
    const same = (a: unknown, b: unknown) => (option.equal ? option.equal(a, b) : isDeepStrictEqual(a, b));
    // Options with their own equality (a finished job is "exited", inspect says stopped) keep the stored value while
    // it still holds.
    if (option.equal && stored[option.key] !== undefined && holds(() => same(option.normalize(stored[option.key], ctx), actual))) {
      inputs[option.key] = stored[option.key];
      ctx.desired[option.key] = option.normalize(stored[option.key], ctx);
      continue;
    }
    const fallback = option.whenUndeclared?.(ctx);
    if (fallback !== undefined && same(fallback, actual)) continue;
    if (fallback === undefined && stored[option.key] === undefined && option.key !== "name") continue;
    inputs[option.key] = option.toInput ? option.toInput(actual) : actual;
    // Later options' defaults depend on earlier ones (networks on networkMode, command on entrypoint).
    ctx.desired[option.key] = actual;
  }
  return JSON.parse(JSON.stringify(inputs));
}

function holds(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false; // a stored value that no longer normalizes: read it from the engine
  }
}

/** Refresh: outputs and inputs from inspect; a container removed outside Pulumi leaves the state (empty id). */
export async function read(id: string, props: Inputs): Promise<{ id: string; props: Inputs; inputs?: Inputs }> {
  rememberKnown(identityIn(props), id);
  const client = await engineClient(props);
  let info;
  try {
    info = await client.docker.getContainer(id).inspect();
  } catch (err) {
    if (isNotFound(err)) return { id: "", props: {} };
    throw err;
  }
  const inputs = await inputsFrom(client, info, props);
  // A job's logs are not in inspect: keep the ones its run produced.
  const kept = props.logs === undefined ? {} : { logs: props.logs };
  return { id: info.Id, props: { ...containerOutputs(inputs, info), ...kept }, inputs };
}
