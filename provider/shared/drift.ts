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
    return isDeepStrictEqual(asJson(declared), asJson(actual)) ? [] : [{ key, declared, actual }];
  });
}

/** The value as JSON would carry it (undefined keys dropped); a value JSON cannot hold (undefined) stays as it is. */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? value : JSON.parse(text);
}

export function show(value: unknown): string {
  return JSON.stringify(value) ?? "unset";
}

export function explainDrift(items: Drift[]): string {
  return items.map((d) => `${d.key}: ${show(d.actual)} -> ${show(d.declared)}`).join("; ");
}
