// The inputs of a Volume, their canonical forms, and the keys the SDK and check add besides them.
import { isDeepStrictEqual } from "util";
import { stringMap, type Inputs } from "../shared/check-inputs";
import { containsUnknown } from "../unknown";

export type { Inputs };

export const RESOURCE_NAME_KEY = "__resourceName";
/** The generated name of a volume whose program gives none (kept between runs unless it is replaced). */
export const AUTONAME_KEY = "__autoname";

/** What the volume is: the engine cannot change any of it, so a change replaces the volume (and its data). */
export const INPUT_KEYS = ["name", "driver", "driverOptions", "labels"] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

/** Which engine, and `adopt`: compared with the previous run's inputs only (`host` replaces; the others are stored). */
export const SETTING_KEYS = ["host", "tls", "adopt"] as const;

export function describe(inputs: Inputs): string {
  const name = [inputs.name, inputs[AUTONAME_KEY], inputs[RESOURCE_NAME_KEY]].find((n) => typeof n === "string" && !containsUnknown(n));
  return name ? `volume "${name}"` : "volume";
}

export function volumeName(inputs: Inputs): string | undefined {
  const name = inputs.name ?? inputs[AUTONAME_KEY];
  return typeof name === "string" ? name : undefined;
}

export function canonical(key: InputKey, inputs: Inputs): unknown {
  const value = inputs[key];
  switch (key) {
    case "name":
      // Only a declared name is compared: stored outputs carry the generated one as `name` too.
      return inputs[AUTONAME_KEY] !== undefined ? undefined : value;
    case "driver":
      return value ?? "local";
    case "driverOptions":
    case "labels":
      return stringMap(value);
  }
}

export function changedInputs(olds: Inputs, news: Inputs): InputKey[] {
  return INPUT_KEYS.filter((key) => {
    if (containsUnknown(news[key])) return true;
    try {
      return !isDeepStrictEqual(canonical(key, olds), canonical(key, news));
    } catch {
      return true;
    }
  });
}

export function inputsOf(props: Inputs): Inputs {
  const keys: readonly string[] = [...INPUT_KEYS, ...SETTING_KEYS];
  return Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith("__") || keys.includes(k)));
}
