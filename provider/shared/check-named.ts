// Check for Networks and Volumes: the inputs' schemas, `adopt` (which needs a name), and the generated name of an
// object declared without one: kept between runs, new for a replacement, so the new object exists beside the old.
import type { z } from "zod";
import type { CheckFailure } from "../container/options/spec";
import { autoName } from "../container/naming";
import { isUnknown } from "../unknown";
import { checkSchemas, type Inputs } from "./check-inputs";
import { AUTONAME_KEY, RESOURCE_NAME_KEY } from "./named";

export function checkNamed(
  kind: "Network" | "Volume",
  schemas: Record<string, z.ZodType>,
  changedInputs: (olds: Inputs, news: Inputs) => unknown[],
  olds: Inputs,
  news: Inputs,
): { inputs: Inputs; failures: CheckFailure[] } {
  const noun = kind.toLowerCase();
  const failures: CheckFailure[] = checkSchemas(kind, schemas, news);
  if (news.adopt === true && news.name === undefined) {
    failures.push({ property: "adopt", reason: `adopt takes over the existing ${noun} with the declared name: set name too` });
  }
  const inputs: Inputs = { ...news };
  delete inputs[AUTONAME_KEY];
  if (news.name === undefined) {
    const previous = olds[AUTONAME_KEY];
    const replaced = changedInputs(olds, news).length > 0 || olds.host !== news.host;
    const resourceName = typeof news[RESOURCE_NAME_KEY] === "string" ? (news[RESOURCE_NAME_KEY] as string) : noun;
    inputs[AUTONAME_KEY] = typeof previous === "string" && !isUnknown(previous) && !replaced ? previous : autoName(resourceName);
  }
  return { inputs, failures };
}
