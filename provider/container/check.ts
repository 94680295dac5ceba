import { containsUnknown, isUnknown } from "../unknown";
import type { CheckFailure } from "./option";
import { autoName } from "./naming";
import { AUTONAME_KEY, RESOURCE_NAME_KEY, type Inputs } from "./inputs";
import { OPTIONS } from "./options";
import { SETTINGS } from "./lifecycle/settings";
import { fingerprintKey } from "./setting";
import { crossFieldFailures } from "./rules";
import { nulByteFailures } from "../nul-bytes";

export type { CheckFailure };

const KNOWN_KEYS = new Set([...OPTIONS, ...SETTINGS].map((o) => o.key));

function propertyPath(key: string, path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${String(part)}`), key);
}

/**
 * Runs rules across options on the known inputs (sorted out once per check). A value not known yet (preview)
 * would read as "not declared", so a rule's failures are dropped when it read any such value: it runs again at up,
 * once every value is known.
 */
function crossRules(news: Inputs): (rule: (inputs: Inputs) => CheckFailure[]) => CheckFailure[] {
  const unknown = new Set(Object.keys(news).filter((k) => containsUnknown(news[k])));
  const known = Object.fromEntries(Object.entries(news).filter(([k]) => !unknown.has(k)));
  return (rule) => {
    const read = new Set<PropertyKey>();
    const failures = rule(new Proxy(known, { get: (target, key) => (read.add(key), target[key as string]) }));
    return [...read].some((k) => unknown.has(String(k))) ? [] : failures;
  };
}

/** Validates every declared option; values not known yet (preview) pass through untouched. */
export function check(olds: Inputs, news: Inputs): { inputs: Inputs; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    // `logs` is an output; the SDK sends it as a secret marker only (sdk/secrets.ts), never with a value.
    if (!key.startsWith("__") && !KNOWN_KEYS.has(key) && !(key === "logs" && (news.logs === null || containsUnknown(news.logs)))) {
      failures.push({ property: key, reason: `"${key}" is not a container option dockwright knows` });
    }
  }
  for (const option of [...OPTIONS, ...SETTINGS]) {
    const value = news[option.key];
    if (value === undefined || containsUnknown(value)) continue;
    const result = option.schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        failures.push({ property: propertyPath(option.key, issue.path), reason: issue.message });
      }
    }
  }
  // A file's declared text is data, not a C string: the only place a NUL may stand. The image reference's own
  // grammar refuses it (with the rest of what the engine would).
  failures.push(...nulByteFailures(news, (key, path) => key === "image" || (key === "uploads" && path.length === 2 && path[1] === "content")));
  const crossRule = crossRules(news);
  failures.push(...crossRule(crossFieldFailures));
  if (failures.length === 0) {
    for (const option of [...OPTIONS, ...SETTINGS]) if (option.crossCheck) failures.push(...crossRule(option.crossCheck));
  }

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
  return { inputs, failures };
}

/** One warning per declared deprecated option, for the preview. */
export function deprecationWarnings(news: Inputs): string[] {
  return OPTIONS.filter((o) => o.deprecated && news[o.key] !== undefined).map(
    (o) => `container "${String(news[RESOURCE_NAME_KEY] ?? "container")}": ${o.key} is deprecated: ${o.deprecated}`,
  );
}
