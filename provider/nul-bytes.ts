// NUL characters in inputs. Paths, names, user and group names, environment entries, command lines and driver
// options all reach the kernel or the engine as C strings, where a NUL ends the string: the engine would act on a
// prefix of what was declared, or fail somewhere far from the input. They are refused at check, naming the input.
import { someNested } from "./unknown";

interface NulFailure {
  property: string;
  reason: string;
}

function propertyPath(key: string, path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${String(part)}`), key);
}

const REASON = "Docker passes it on as a C string, where NUL ends it; remove it";

/**
 * One failure per declared input whose value (at any depth, keys included) holds a NUL character. Hidden keys
 * (`__...`) are skipped, and so are the values `exempt` names by their path (data that is never a C string, such
 * as a file's declared content).
 */
export function nulByteFailures(inputs: Record<string, unknown>, exempt: (key: string, path: PropertyKey[]) => boolean = () => false): NulFailure[] {
  const failures: NulFailure[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    if (key.startsWith("__")) continue;
    someNested(value, (nested, path) => {
      if (typeof nested === "string") {
        const at = nested.indexOf("\0");
        if (at < 0 || exempt(key, path())) return false;
        failures.push({ property: propertyPath(key, path()), reason: `contains a NUL character (\\u0000) at position ${at}: ${REASON}` });
        return true;
      }
      if (nested && typeof nested === "object" && !Array.isArray(nested)) {
        const bad = Object.keys(nested).find((k) => k.includes("\0"));
        if (bad === undefined) return false;
        failures.push({ property: propertyPath(key, path()), reason: `the key ${JSON.stringify(bad.slice(0, 40))} contains a NUL character (\\u0000): ${REASON}` });
        return true;
      }
      return false;
    });
  }
  return failures;
}
