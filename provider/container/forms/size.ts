// Sizes as the Docker CLI reads them: bytes, or a number with b, k, m, g or t (units of 1024).
import { z } from "zod";
import { quote, wholeNumber } from "./messages";
import { issueFrom } from "./issue";

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/**
 * The largest whole number dockwright sends the engine: every larger one is beyond what a JavaScript number holds
 * exactly (and, from 2^63, beyond the engine's int64), so it could not be sent or compared as written.
 */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** `"512m"`, `"1.5g"`, `"64k"`, `"1024b"` or a number of bytes, as the Docker CLI reads sizes (units of 1024). */
export function parseSize(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${quote(value)} is not a size: expected a whole number of bytes from 0 to ${MAX_EXACT}`);
    return value;
  }
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(value.trim());
  if (!m) throw new Error(`${quote(value)} is not a size; expected bytes or a number with b, k, m, g or t, e.g. "512m"`);
  const amount = Number(m[1]);
  const bytes = Math.round(amount * SIZE_UNITS[m[2].toLowerCase()]);
  if (!Number.isSafeInteger(bytes)) throw new Error(`${quote(value)} is too large: sizes go up to ${MAX_EXACT} bytes (about 8191t)`);
  // A tiny size must not round to 0, which the engine reads as "no limit".
  if (bytes === 0 && amount > 0) throw new Error(`${quote(value)} is less than one byte`);
  return bytes;
}

/** Bytes in the largest unit that divides them: 67108864 -> "64m". */
export function formatSize(bytes: number): string {
  for (const unit of ["t", "g", "m", "k"]) {
    if (bytes > 0 && bytes % SIZE_UNITS[unit] === 0) return `${bytes / SIZE_UNITS[unit]}${unit}`;
  }
  return String(bytes);
}

/**
 * A size input, bytes or a string such as "512m"; `what` names it in messages. Without `atLeast`, any size from 0
 * bytes.
 */
export function sizeInput(what: string, example: string, atLeast?: { bytes: number; text: string }): z.ZodType {
  const bytes = z.number().int(wholeNumber(`${what} in bytes is a whole number`));
  return z
    .union([atLeast ? bytes : bytes.nonnegative("a size is 0 or more bytes"), z.string()], { error: `expected ${what}: bytes, or a string such as ${example}` })
    .superRefine((value, ctx) => {
      // zod refines a value its union refused too: a number below 0 is told once, above.
      if (!atLeast && typeof value !== "string") return;
      const size = issueFrom(ctx, () => parseSize(value));
      if (atLeast && size !== undefined && size < atLeast.bytes) ctx.addIssue({ code: "custom", message: `${what} must be at least ${atLeast.text}` });
    });
}
