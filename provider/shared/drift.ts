// How an engine object differs from its declaration, for the objects the engine cannot change (Network, Volume).
import { isDeepStrictEqual } from "util";
import type { Inputs } from "./check-inputs";

export interface Drift<K extends string = string> {
  key: K;
  declared: unknown;
  actual: unknown;
}

/**
 * The inputs whose engine value (`observed`, projected on the declared canonical value) differs from the
 * declaration, compared as JSON (a key left undefined is no difference).
 */
export function driftOf<K extends string, Info>(
  keys: readonly K[],
  canonical: (key: K, inputs: Inputs) => unknown,
  observed: (key: K, info: Info, declared: unknown) => unknown,
  inputs: Inputs,
  info: Info,
): Drift<K>[] {
  return keys.flatMap((key) => {
    const declared = canonical(key, inputs);
    const actual = observed(key, info, declared);
    return isDeepStrictEqual(JSON.parse(JSON.stringify(declared)), JSON.parse(JSON.stringify(actual))) ? [] : [{ key, declared, actual }];
  });
}

export function show(value: unknown): string {
  return JSON.stringify(value) ?? "unset";
}

export function explainDrift(items: Drift[]): string {
  return items.map((d) => `${d.key}: ${show(d.actual)} -> ${show(d.declared)}`).join("; ");
}
