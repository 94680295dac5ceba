// How check's failures read: each names the property as the user wrote it, says what is accepted, and quotes at
// most a short excerpt of the value (inputs can be megabytes, and may hold control characters).
/** The longest excerpt of a value a message quotes. */
const EXCERPT_LENGTH = 40;

/** At most `max` characters of `text`, control characters escaped, an ellipsis where it was cut. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  // JSON escapes control characters (NUL, newlines) so the message stays one readable line.
  return JSON.stringify(cut).slice(1, -1).replace(/\\"/g, '"');
}

/** A value quoted for a message: `'abc'`, shortened when long; non-strings in their JSON form. */
export function quote(value: unknown, max = EXCERPT_LENGTH): string {
  if (typeof value === "string") return `'${excerpt(value, max)}'`;
  return excerpt(describeValue(value), max);
}

function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  try {
    // Only the start is shown: stringify a bounded prefix of large lists and maps.
    return JSON.stringify(value, (_k, v) => (Array.isArray(v) && v.length > 8 ? [...v.slice(0, 8), "…"] : v)) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** What kind of value the user gave, for "expected X, got Y". */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `the string ${quote(value)}`;
    case "number":
      return Number.isFinite(value) ? `the number ${value}` : String(value);
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    case "undefined":
      return "nothing";
    default:
      return typeof value;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "a map",
  map: "a map",
  bigint: "a whole number",
  null: "null",
};

function typeWords(expected: unknown): string {
  return TYPE_WORDS[String(expected)] ?? String(expected);
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

function bound(origin: unknown, limit: unknown, inclusive: unknown, small: boolean): string {
  const n = Number(limit);
  if (origin === "string") {
    if (small) return n <= 1 ? "must not be empty" : `must be at least ${n} characters long`;
    return `must be at most ${n} characters long`;
  }
  if (origin === "array" || origin === "set") {
    if (small) return `needs at least ${n} ${n === 1 ? "entry" : "entries"}`;
    return `takes at most ${n} ${n === 1 ? "entry" : "entries"}`;
  }
  if (!small && n === SAFE_MAX) return `must be at most ${SAFE_MAX}, the largest whole number the engine can be sent exactly`;
  if (!small && n === -SAFE_MAX) return `must be at least ${-SAFE_MAX}`;
  const word = small ? (inclusive === false ? "more than" : "at least") : inclusive === false ? "less than" : "at most";
  return `must be ${word} ${n}`;
}

type RawIssue = { code?: string; input?: unknown; [field: string]: any };

/**
 * check's own words for an issue whose schema gave no message (zod's defaults, such as "Invalid input: expected
 * string, received number", name neither the property's forms nor anything a user wrote). Passed to safeParse as
 * the parse-time error map: schemas' own messages still take precedence.
 */
export function fallbackMessage(issue: RawIssue): string {
  const input = issue.input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `is required: expected ${typeWords(issue.expected)}`;
      return `expected ${typeWords(issue.expected)}, got ${kindOf(input)}`;
    case "too_small":
      return `${bound(issue.origin, issue.minimum, issue.inclusive, true)}${typeof input === "number" ? ` (got ${input})` : ""}`;
    case "too_big":
      return `${bound(issue.origin, issue.maximum, issue.inclusive, false)}${typeof input === "number" ? ` (got ${input})` : ""}`;
    case "invalid_format":
      if (issue.format === "ipv4") return `expected an IPv4 address such as 10.0.0.5, got ${kindOf(input)}`;
      if (issue.format === "ipv6") return `expected an IPv6 address such as fd00::5, got ${kindOf(input)}`;
      return `${kindOf(input)} does not have the expected form (${String(issue.format)})`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys": {
      const shape = issue.inst?._zod?.def?.shape as Record<string, unknown> | undefined;
      const keys = (issue.keys as string[]).map((k) => quote(k)).join(", ");
      const allowed = shape ? `; expected ${Object.keys(shape).join(", ")}` : "";
      return `${(issue.keys as string[]).length === 1 ? "unknown field" : "unknown fields"} ${keys}${allowed}`;
    }
    case "invalid_value":
      return `expected ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${kindOf(input)}`;
    case "invalid_key":
      return `has a key that is not accepted: ${kindOf(input)}`;
    case "invalid_element":
      return `has an entry that is not accepted: ${kindOf(input)}`;
    case "invalid_union":
      return `${kindOf(input)} is none of the accepted forms`;
    default:
      return `${kindOf(input)} is not accepted here`;
  }
}

/** The longest reason a failure carries; anything longer is cut in the middle (a safety net behind `quote`). */
export const MAX_REASON = 600;

export function boundedReason(reason: string): string {
  if (reason.length <= MAX_REASON) return reason;
  const keep = (MAX_REASON - 1) / 2;
  return `${reason.slice(0, Math.floor(keep))}…${reason.slice(reason.length - Math.ceil(keep))}`;
}

/** `ports[1]`, `logOptions.max-size`, `sysctls["net.core.somaxconn"]`, `tmpfs["/run"]`: the path as the user wrote it. */
export function propertyPath(key: string, path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === "number") return `${acc}[${part}]`;
    const name = String(part);
    return /^[A-Za-z_$][\w$-]*$/.test(name) ? `${acc}.${name}` : `${acc}[${JSON.stringify(name)}]`;
  }, key);
}

/** What a whole number too large to send exactly is told. */
function tooLarge(value: number): string {
  return value < 0 ? `must be at least ${-SAFE_MAX}` : `must be at most ${SAFE_MAX}, the largest whole number the engine can be sent exactly`;
}

/**
 * `.int()`'s message: `message` for a fraction, the bound for a whole number beyond what can be sent exactly (zod's
 * int check covers both, and "expected a whole number" would be wrong for 1e20).
 */
export function wholeNumber(message: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (Number.isInteger(issue.input) ? tooLarge(issue.input as number) : message) };
}
