// Durations as Docker users write them (Go's time.ParseDuration: "30s", "1m30s", "500ms") or as the Engine API
// holds them (nanoseconds), to nanoseconds and back.
import { z } from "zod";
import { quote } from "./messages";
import { issueFrom } from "./issue";

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

const PART = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;

/** `"1m30s"`, `"1.5s"`, `"500ms"`, `"0"` or a whole number of nanoseconds, to nanoseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${value} is not a whole, non-negative number of nanoseconds`);
    return value;
  }
  const text = value.trim();
  if (text === "0") return 0;
  const bad = () => new Error(`${quote(value)} is not a duration; expected a number with a unit (h, m, s, ms, us, ns), e.g. "30s", "1m30s" or "500ms"`);
  if (!text) throw bad();
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex;
    const m = PART.exec(text);
    if (!m || m.index !== at || (m[1] === "" && !m[2])) throw bad();
    const unit = UNIT_NS[m[3]];
    // Whole and fractional parts separately, so "0.1s" is exactly 100000000 ns.
    const fraction = m[2] ? Math.round(Number(`0.${m[2]}`) * unit) : 0;
    total += Number(m[1] || "0") * unit + fraction;
  }
  if (!Number.isSafeInteger(total)) throw new Error(`${quote(value)} is too long a duration`);
  return total;
}

/** Nanoseconds in the shortest form that parses back to the same value: 90e9 -> "1m30s", 5e8 -> "500ms". */
export function formatDuration(ns: number): string {
  if (ns === 0) return "0s";
  if (ns < 1e9) {
    if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
    if (ns % 1e3 === 0) return `${ns / 1e3}us`;
    return `${ns}ns`;
  }
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns % 3600e9) / 60e9);
  const rest = ns % 60e9;
  const seconds = Math.floor(rest / 1e9);
  const fraction = String(rest % 1e9).padStart(9, "0").replace(/0+$/, "");
  return (
    (hours ? `${hours}h` : "") +
    (minutes ? `${minutes}m` : "") +
    (rest ? `${seconds}${fraction ? `.${fraction}` : ""}s` : "")
  );
}

/** A duration input (string or nanoseconds) of at least `minNs`; `hint` says what a smaller value would mean. */
export function durationInput(minNs: number, hint: string): z.ZodType {
  return z
    .union([z.number(), z.string()], { error: 'expected a duration such as "30s", "1m30s" or "500ms", or a number of nanoseconds' })
    .superRefine((value, ctx) => {
      const ns = issueFrom(ctx, () => parseDuration(value));
      if (ns !== undefined && ns < minNs) ctx.addIssue({ code: "custom", message: `must be at least ${formatDuration(minNs)}${hint}` });
    });
}
