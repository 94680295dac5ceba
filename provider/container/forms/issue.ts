// The one adapter from a parser (a function that throws with a message naming what is expected) to a zod issue:
// schemas run the same parser as normalize, so check and normalize can never disagree on what is valid.
import type { z } from "zod";

/**
 * Runs `parse`; what it throws becomes an issue (at `path`, relative to the value being refined) and the result is
 * undefined.
 */
export function issueFrom<T>(ctx: z.RefinementCtx, parse: () => T, path?: PropertyKey[]): T | undefined {
  try {
    return parse();
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message, ...(path ? { path: path as (string | number)[] } : {}) });
    return undefined;
  }
}

/** A refinement that runs `parse` on the value, for `.superRefine(parsedBy(parseX))`. */
export function parsedBy<T>(parse: (value: T) => unknown) {
  return (value: T, ctx: z.RefinementCtx): void => {
    issueFrom(ctx, () => parse(value));
  };
}
