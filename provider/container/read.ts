import type Docker from "dockerode";
import { isDeepStrictEqual } from "util";
import { dockerClient, type DockerClient } from "../docker/client";
import { findImage } from "../docker/images";
import { containsUnknown } from "../unknown";
import { containerIdsFor, desiredValue } from "./compare";
import { AUTONAME_KEY, type Inputs } from "./inputs";
import type { Context } from "./options/spec";
import { OPTIONS } from "./options";
import { SETTINGS } from "./settings";
import { containerOutputs, storedInputs } from "./outputs";
import { identityIn, rememberKnown } from "../identity";
import { inspectOrGone } from "./reconcile/observe";

/**
 * The inputs that would produce this container. An option whose stored declaration means what the container holds
 * (compared as diff compares it: canonical forms, the image's defaults, Docker's merge rules) keeps the program's
 * own spelling, declared defaults included; one that drifted is read from inspect, in canonical form; one not
 * declared stays out unless the container differs from its default. So after a refresh of an untouched container
 * the inputs are the program's, and otherwise they show exactly what drifted. Hidden keys (`__provider`, the
 * generated name) and settings are kept.
 */
async function inputsFrom(client: DockerClient, info: Docker.ContainerInspectInfo, props: Inputs): Promise<Inputs> {
  const stored = storedInputs(props);
  const image = (await findImage(client, info.Image)) ?? { id: info.Image, config: {} };
  // Names in `container:<name>` modes and volumesFrom are compared as the ids they stand for, as diff does.
  const containerIds = await containerIdsFor(client, stored).catch(() => ({}));
  const ctx: Context = { imageRef: String(stored.image ?? info.Config.Image), image, desired: {}, containerIds, daemon: client.daemon };
  // Hidden keys and settings are not in inspect: they stay as stored.
  const settings = new Set(SETTINGS.map((s) => s.key));
  const inputs: Inputs = Object.fromEntries(Object.entries(stored).filter(([k, v]) => v !== undefined && (k.startsWith("__") || settings.has(k))));

  // The stored declaration in canonical form, as desiredContext makes it. A stored value that no longer normalizes
  // (a seccomp profile file that is gone) is read from the engine.
  const unreadable = new Set<string>();
  for (const option of OPTIONS) {
    const value = stored[option.key];
    if (value === undefined) continue;
    try {
      if (containsUnknown(value)) throw new Error("not known");
      const normalized = option.normalize(value, ctx);
      if (!option.inherits?.(normalized, ctx)) ctx.desired[option.key] = normalized;
    } catch {
      unreadable.add(option.key);
    }
  }

  for (const option of OPTIONS) {
    const key = option.key;
    if (option.refresh === "reference") {
      // Keep the reference the program used while it still names the container's image.
      const storedRef = typeof stored[key] === "string" ? await findImage(client, stored[key]) : undefined;
      inputs[key] = storedRef?.id === info.Image ? stored[key] : info.Config.Image;
      continue;
    }
    const actual = option.read(info, ctx);
    if (option.refresh === "generated" && stored[AUTONAME_KEY] !== undefined) {
      inputs[AUTONAME_KEY] = actual;
      continue;
    }
    const declared = stored[key] !== undefined;
    const desired = desiredValue(option, ctx);
    const same = desired !== undefined && (option.equal ? option.equal(desired, actual) : isDeepStrictEqual(desired, actual));
    if (same && !unreadable.has(key)) {
      if (declared) inputs[key] = stored[key];
      continue;
    }
    // Not declared and not compared (the daemon's default decides): nothing to say.
    if (desired === undefined && !declared && option.refresh !== "generated") continue;
    inputs[key] = option.toInput ? option.toInput(actual) : actual;
    // Later options' defaults depend on earlier ones (networks on networkMode, command on entrypoint).
    ctx.desired[key] = actual;
  }
  return JSON.parse(JSON.stringify(inputs));
}

/** Refresh: outputs and inputs from inspect; a container removed outside Pulumi leaves the state (empty id). */
export async function read(id: string, props: Inputs): Promise<{ id: string; props: Inputs; inputs?: Inputs }> {
  rememberKnown(identityIn(props), id);
  const client = await dockerClient(props);
  const info = await inspectOrGone(client, id);
  if (!info) return { id: "", props: {} };
  const inputs = await inputsFrom(client, info, props);
  // A job's logs are not in inspect: keep the ones its run produced.
  const kept = props.logs === undefined ? {} : { logs: props.logs };
  return { id: info.Id, props: { ...containerOutputs(inputs, info), ...kept }, inputs };
}
