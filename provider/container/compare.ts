// Desired state (declared options, canonical, image defaults merged in) against what inspect reports.
import type Docker from "dockerode";
import { isDeepStrictEqual } from "util";
import type { DockerClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import { containsUnknown } from "../unknown";
import type { ApplyMode, Context, ImageFacts, OptionSpec } from "./options/spec";
import { OPTIONS } from "./options";
import type { Inputs } from "./inputs";

export interface Difference {
  key: string;
  mode: ApplyMode;
  desired: unknown;
  actual: unknown;
  /** The desired value is not known yet (preview). */
  unknown?: boolean;
}

/**
 * Looks up the containers that declared values refer to by name or id. A container that does not exist stays
 * unresolved (its name is compared as written, so it shows as a difference, and create reports the engine's error).
 */
export async function containerIdsFor(client: DockerClient, inputs: Inputs): Promise<Record<string, string>> {
  const refs = new Set<string>();
  for (const option of OPTIONS) {
    const value = inputs[option.key];
    if (option.containerRefs && value !== undefined && !containsUnknown(value)) {
      for (const ref of safeRefs(() => option.containerRefs!(value))) refs.add(ref);
    }
  }
  // Keys are names users wrote: no prototype, so "constructor" is a container like any other.
  const ids: Record<string, string> = Object.create(null);
  await Promise.all(
    [...refs].map(async (ref) => {
      try {
        ids[ref] = (await client.docker.getContainer(ref).inspect()).Id;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }),
  );
  return ids;
}

function safeRefs(refs: () => string[]): string[] {
  try {
    return refs();
  } catch {
    return []; // invalid input: check reports it
  }
}

/**
 * The declared options in canonical form; options whose value is not known yet are left out, and so are declared
 * values that the engine's merge replaces with the image's (`inherits`): they are compared as undeclared.
 */
export function desiredContext(
  inputs: Inputs,
  image: ImageFacts,
  engine: Pick<Context, "containerIds" | "daemon"> = { containerIds: {}, daemon: {} },
): Context {
  const ctx: Context = { imageRef: String(inputs.image), image, desired: {}, ...engine };
  for (const option of OPTIONS) {
    const value = inputs[option.key];
    if (value === undefined || containsUnknown(value)) continue;
    const normalized = option.normalize(value, ctx);
    if (!option.inherits?.(normalized, ctx)) ctx.desired[option.key] = normalized;
  }
  return ctx;
}

/**
 * What the container should hold for `option`: the declared value in canonical form, or, when it is not declared
 * (or declared as what the image gives), the option's default under `ctx` (undefined: not compared).
 */
export function desiredValue(option: OptionSpec, ctx: Context): unknown {
  return option.key in ctx.desired ? ctx.desired[option.key] : option.whenUndeclared?.(ctx);
}

/**
 * `containerImage`: the image the container runs, when it is not the desired one. Inherited values (and what an
 * undeclared option should be) then come from the container's own image, so that only `image` is reported.
 */
export function compare(
  inputs: Inputs,
  ctx: Context,
  info: Docker.ContainerInspectInfo,
  containerImage: ImageFacts = ctx.image,
): Difference[] {
  const differences: Difference[] = [];
  const actualCtx: Context = { ...ctx, image: containerImage };
  for (const option of OPTIONS) {
    const declared = inputs[option.key];
    const actual = option.read(info, actualCtx);
    if (declared !== undefined && containsUnknown(declared)) {
      differences.push({ key: option.key, mode: option.apply, desired: declared, actual, unknown: true });
      continue;
    }
    const desired = option.key in ctx.desired ? ctx.desired[option.key] : option.whenUndeclared?.(actualCtx);
    if (desired === undefined) continue;
    const same = option.equal ? option.equal(desired, actual) : isDeepStrictEqual(desired, actual);
    if (same) continue;
    const inPlace = option.apply !== "replace" && (option.inPlace?.(desired, actual, info) ?? true);
    differences.push({ key: option.key, mode: inPlace ? option.apply : "replace", desired, actual });
  }
  return differences;
}
