import { z } from "zod";
import { hostSchema } from "../container/settings/engine";
import type { CheckFailure } from "../container/options/spec";
import { autoName } from "../container/naming";
import { tlsSchema } from "../docker/tls";
import { checkSchemas, keyValueInput } from "../shared/check-inputs";
import { isUnknown } from "../unknown";
import { AUTONAME_KEY, changedInputs, RESOURCE_NAME_KEY, type Inputs } from "./inputs";

const SCHEMAS: Record<string, z.ZodType> = {
  // The engine's rule for local volume names; it would refuse others only at create.
  name: z
    .string({ error: "expected a volume name" })
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, { error: "a volume name has at least two characters, starts with a letter or digit and holds letters, digits, '_', '.' and '-'" }),
  driver: z.string({ error: "expected a volume driver such as local, or a plugin" }).min(1, { error: "expected a volume driver such as local" }),
  driverOptions: keyValueInput,
  labels: keyValueInput,
  host: hostSchema,
  tls: tlsSchema,
  adopt: z.boolean({ error: "expected true (take over the existing volume with this name, and its data) or false" }),
};

/** Validates the declared inputs (values not known yet pass through); a volume without a name gets a generated one. */
export function check(olds: Inputs, news: Inputs): { inputs: Inputs; failures: CheckFailure[] } {
  const failures: CheckFailure[] = checkSchemas("Volume", SCHEMAS, news);
  if (news.adopt === true && news.name === undefined) {
    failures.push({ property: "adopt", reason: "adopt takes over the existing volume with the declared name: set name too" });
  }
  const inputs: Inputs = { ...news };
  delete inputs[AUTONAME_KEY];
  if (news.name === undefined) {
    const previous = olds[AUTONAME_KEY];
    const replaced = changedInputs(olds, news).length > 0 || olds.host !== news.host;
    const resourceName = typeof news[RESOURCE_NAME_KEY] === "string" ? (news[RESOURCE_NAME_KEY] as string) : "volume";
    inputs[AUTONAME_KEY] = typeof previous === "string" && !isUnknown(previous) && !replaced ? previous : autoName(resourceName);
  }
  return { inputs, failures };
}
