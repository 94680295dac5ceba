import { z } from "zod";
import { hostSchema } from "../container/settings/engine";
import type { CheckFailure } from "../container/options/spec";
import { tlsSchema } from "../docker/tls";
import { keyValueInput } from "../shared/check-inputs";
import { checkNamed } from "../shared/check-named";
import { changedInputs, type Inputs } from "./inputs";

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
  return checkNamed("Volume", SCHEMAS, changedInputs, olds, news);
}
