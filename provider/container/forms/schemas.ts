// Schemas shared by options whose inputs are maps of user keys. zod's own records skip a `__proto__` key without a
// word (its value is never checked); these look at every own key, `__proto__` and `constructor` included.
import { z } from "zod";
import { fallbackMessage } from "./messages";
import { issueFrom } from "./issue";

export const booleanInput = z.boolean({ error: "expected true or false" });

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Runs `schema` on `value` and reports its issues under `path` (zod's defaults replaced by check's words). */
export function reportInto(schema: z.ZodType, value: unknown, ctx: z.RefinementCtx, path: PropertyKey[]): boolean {
  const result = schema.safeParse(value, { error: fallbackMessage as never });
  if (result.success) return true;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: "custom", path: [...path, ...issue.path] as (string | number)[], message: issue.message });
  }
  return false;
}

/** A map of user keys to values of `value`; `keyProblem` says what is wrong with a key, if anything. */
export function userRecord<T>(
  value: z.ZodType<T>,
  options: { error: string; keyProblem?: (key: string) => string | undefined },
): z.ZodType<Record<string, T>> {
  const schema = z.unknown().superRefine((input, ctx) => {
    if (!isPlainObject(input)) {
      // A wrong type, as zod's own: in a union, the other forms' failures are the ones reported.
      ctx.addIssue({ code: "custom", message: options.error, continue: false });
      return;
    }
    for (const [key, v] of Object.entries(input)) {
      const problem = options.keyProblem?.(key);
      if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
      reportInto(value, v, ctx, [key]);
    }
  });
  return schema as unknown as z.ZodType<Record<string, T>>;
}

/**
 * `{KEY: value}` or `["KEY=value"]`, as env, labels, sysctls, storageOpt and logOptions are written. `error` says
 * both forms; `scalars` are the value types the map form takes.
 */
export function keyValueInput(options: {
  error: string;
  scalars: "string" | "string or number" | "string, number or boolean";
  entry: string;
  keyProblem?: (key: string) => string | undefined;
}): z.ZodType<Record<string, string | number | boolean> | string[]> {
  const scalar =
    options.scalars === "string"
      ? z.string({ error: "expected a string" })
      : options.scalars === "string or number"
        ? z.union([z.string(), z.number()], { error: "expected a string or a number" })
        : z.union([z.string(), z.number(), z.boolean()], { error: "expected a string, a number or a boolean" });
  const keyProblem = (key: string) => (key === "" ? "keys must not be empty" : options.keyProblem?.(key));
  const map = userRecord(scalar as z.ZodType<string | number | boolean>, { error: options.error, keyProblem });
  const entry = z.string({ error: options.entry }).superRefine((text, ctx) => {
    const at = text.indexOf("=");
    if (at <= 0) {
      ctx.addIssue({ code: "custom", message: options.entry });
      return;
    }
    const problem = options.keyProblem?.(text.slice(0, at));
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
  const list = z.array(entry);
  const schema = z.unknown().superRefine((input, ctx) => {
    if (Array.isArray(input)) reportInto(list, input, ctx, []);
    else if (isPlainObject(input)) reportInto(map, input, ctx, []);
    else ctx.addIssue({ code: "custom", message: options.error, continue: false });
  });
  return schema as unknown as z.ZodType<Record<string, string | number | boolean> | string[]>;
}

type Forms = Partial<Record<"string" | "number" | "boolean" | "array" | "object", z.ZodType>>;

function kindOf(value: unknown): keyof Forms | undefined {
  if (Array.isArray(value)) return "array";
  if (isPlainObject(value)) return "object";
  const t = typeof value;
  return t === "string" || t === "number" || t === "boolean" ? t : undefined;
}

/**
 * A value with several forms told apart by type (a string, a number, a list, an object): the matching form reports
 * its own failures, with their paths (a union reports one message for all of them once a field is missing). Then
 * `parse`, only when the form itself passed, so it never sees a value of the wrong shape.
 */
export function byType<T>(forms: Forms, error: string, parse?: (value: T) => unknown): z.ZodType<T> {
  const schema = z.unknown().superRefine((input, ctx) => {
    const kind = kindOf(input);
    const form = kind && forms[kind];
    if (!form) {
      ctx.addIssue({ code: "custom", message: error, continue: false });
      return;
    }
    if (reportInto(form, input, ctx, []) && parse) issueFrom(ctx, () => parse(input as T));
  });
  return schema as unknown as z.ZodType<T>;
}
