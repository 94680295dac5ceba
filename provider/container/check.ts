import { containsUnknown, isUnknown } from "../unknown";
import type { CheckFailure, OptionSpec } from "./options/spec";
import { autoName } from "./naming";
import { AUTONAME_KEY, RESOURCE_NAME_KEY, type Inputs } from "./inputs";
import { OPTIONS } from "./options";
import { SETTINGS } from "./settings";
import { fingerprintKey } from "./options/spec";
import { nulByteFailures } from "../nul-bytes";
import { boundedReason, fallbackMessage, propertyPath, quote } from "./forms/messages";
import type { z } from "zod";


const KNOWN_KEYS = new Set([...OPTIONS, ...SETTINGS].map((o) => o.key));

/**
 * One option's failures, each naming its property path. Issues a schema gives no words for get check's own
 * (fallbackMessage), never zod's defaults; a schema that throws is a failure of its option, not of check.
 */
function validate(schema: z.ZodType, value: unknown, key: string): CheckFailure[] {
  try {
    const result = schema.safeParse(value, { error: fallbackMessage as never });
    if (result.success) return [];
    return result.error.issues.map((issue) => ({ property: propertyPath(key, issue.path), reason: boundedReason(issue.message) }));
  } catch (err) {
    return [{ property: key, reason: boundedReason(`cannot be read: ${(err as Error).message}`) }];
  }
}

/**
 * Runs rules across options on the valid, known inputs (sorted out once per check). A value not known yet
 * (preview) would read as "not declared", and a value that failed its own check means nothing to another option:
 * a rule's failures are dropped when it read any such value (the first kind runs again at up, once every value is
 * known; the second is reported by its own option). Every other rule runs, whatever else failed.
 */
function crossRules(
  news: Inputs,
  invalid: Set<string>,
): (rule: (inputs: Inputs, options: readonly OptionSpec<any>[]) => CheckFailure[]) => CheckFailure[] {
  const skipped = new Set([...Object.keys(news).filter((k) => containsUnknown(news[k])), ...invalid]);
  const known: Inputs = Object.create(null);
  for (const [k, v] of Object.entries(news)) if (!skipped.has(k)) known[k] = v;
  return (rule) => {
    const read = new Set<PropertyKey>();
    let failures: CheckFailure[];
    try {
      failures = rule(new Proxy(known, { get: (target, key) => (read.add(key), target[key as string]) }), OPTIONS);
    } catch {
      return []; // a rule that cannot read these inputs has nothing to add to their own failures
    }
    return [...read].some((k) => skipped.has(String(k))) ? [] : failures;
  };
}

const ALL = [...OPTIONS, ...SETTINGS];

/** Validates every declared option; values not known yet (preview) pass through untouched. */
export function check(olds: Inputs, news: Inputs): { inputs: Inputs; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    // `logs` is an output; the SDK sends it as a secret marker only (sdk/secrets.ts), never with a value.
    if (!key.startsWith("__") && !KNOWN_KEYS.has(key) && !(key === "logs" && (news.logs === null || containsUnknown(news.logs)))) {
      failures.push({ property: key, reason: `${quote(key)} is not a container option dockwright knows` });
    }
  }
  const invalid = new Set<string>();
  for (const option of ALL) {
    const value = news[option.key];
    if (value === undefined || containsUnknown(value)) continue;
    const issues = validate(option.schema, value, option.key);
    if (issues.length) invalid.add(option.key);
    failures.push(...issues);
  }
  // A file's declared text is data, not a C string: the only place a NUL may stand. The image reference's own
  // grammar refuses it (with the rest of what the engine would).
  failures.push(...nulByteFailures(news, (key, path) => key === "image" || (key === "uploads" && path.length === 2 && path[1] === "content")));
  const crossRule = crossRules(news, invalid);
  for (const option of ALL) if (option.crossCheck) failures.push(...crossRule(option.crossCheck));

  if (news.image === undefined) failures.push({ property: "image", reason: "an image is required, e.g. nginx:1.27" });

  const inputs: Inputs = { ...news };
  delete inputs[AUTONAME_KEY];
  for (const setting of SETTINGS) {
    delete inputs[fingerprintKey(setting.key)];
    const value = news[setting.key];
    if (!setting.fingerprint || value === undefined || containsUnknown(value) || failures.length) continue;
    try {
      inputs[fingerprintKey(setting.key)] = setting.fingerprint(value);
    } catch (err) {
      failures.push({ property: setting.key, reason: (err as Error).message });
    }
  }
  if (news.name === undefined) {
    // Keep the name generated on an earlier run, so an unnamed container keeps its name between runs.
    const previous = olds[AUTONAME_KEY];
    const resourceName = typeof news[RESOURCE_NAME_KEY] === "string" ? (news[RESOURCE_NAME_KEY] as string) : "container";
    inputs[AUTONAME_KEY] = typeof previous === "string" && !isUnknown(previous) ? previous : autoName(resourceName);
  }
  return { inputs, failures: failures.map((f) => ({ property: f.property, reason: boundedReason(f.reason) })) };
}

/** One warning per declared deprecated option, for the preview. */
export function deprecationWarnings(news: Inputs): string[] {
  return OPTIONS.filter((o) => o.deprecated && news[o.key] !== undefined).map(
    (o) => `container "${String(news[RESOURCE_NAME_KEY] ?? "container")}": ${o.key} is deprecated: ${o.deprecated}`,
  );
}
