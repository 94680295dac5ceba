// Comparing one run's inputs with the last one's, for the providers whose every input change replaces (Network,
// Volume, ContainerCommit), and telling the declared inputs apart from the outputs stored with them.
import { isDeepStrictEqual } from "util";
import { containsUnknown } from "../unknown";
import type { Inputs } from "./check-inputs";

/** The inputs whose canonical value differs (or is not known yet) between two sets of inputs. */
export function changedInputs<K extends string>(keys: readonly K[], canonical: (key: K, inputs: Inputs) => unknown, olds: Inputs, news: Inputs): K[] {
  return keys.filter((key) => {
    if (containsUnknown(news[key])) return true;
    try {
      return !isDeepStrictEqual(canonical(key, olds), canonical(key, news));
    } catch {
      return true;
    }
  });
}

/** The declared inputs of stored outputs (outputs carry the inputs they were made from), hidden `__` keys included. */
export function declaredInputs(keys: readonly string[], props: Inputs): Inputs {
  return Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith("__") || keys.includes(k)));
}
