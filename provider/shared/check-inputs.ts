// The validation loop Network and Volume share: unknown keys refused, each known input parsed by its schema,
// values not known yet (preview) passed through for the next check to see.
import { z } from "zod";
import { parseKeyValues } from "../container/forms/key-values";
import { engineCrossCheck } from "../container/settings/engine";
import type { CheckFailure } from "../container/options/spec";
import { containsUnknown } from "../unknown";

export type Inputs = Record<string, unknown>;

function propertyPath(key: string, path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${String(part)}`), key);
}

export function checkSchemas(kind: string, schemas: Record<string, z.ZodType>, news: Inputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const keys = Object.keys(schemas);
  for (const key of Object.keys(news)) {
    if (!key.startsWith("__") && !keys.includes(key)) {
      failures.push({ property: key, reason: `"${key}" is not a ${kind} input; expected one of ${keys.join(", ")}` });
    }
  }
  for (const key of keys) {
    const value = news[key];
    if (value === undefined || containsUnknown(value)) continue;
    const result = schemas[key].safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) failures.push({ property: propertyPath(key, issue.path), reason: issue.message });
    }
  }
  failures.push(...engineCrossCheck(Object.fromEntries(Object.entries(news).filter(([, v]) => !containsUnknown(v)))));
  return failures;
}

/** Labels and options: a map (numbers and booleans as text) or a list of `KEY=value`, as container labels. */
export const keyValueInput = z.union(
  [
    z.record(z.string().min(1, "keys must not be empty"), z.union([z.string(), z.number(), z.boolean()])),
    z.array(z.string().regex(/^[^=]+=/, "entries are written KEY=value")),
  ],
  { error: "expected a map of strings, or a list of KEY=value strings" },
);

/** A declared map (or `KEY=value` list) in canonical form: key-sorted strings; undeclared is empty. */
export function stringMap(value: unknown): Record<string, string> {
  // The same kind of map (no prototype) for none declared as for a declared one, so the two compare equal.
  if (value === undefined || value === null) return parseKeyValues({});
  return parseKeyValues(value as Record<string, unknown> | string[]);
}
