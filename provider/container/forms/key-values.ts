// Maps of user keys, as Docker users write them: `{K: "v"}` or `["K=v"]`.

export type StringMap = Record<string, string>;

/**
 * A map of user keys, with no prototype: `__proto__`, `toString` or `constructor` are keys like any other (an
 * ordinary object would drop `__proto__=x` silently, and answer `"toString" in map`).
 */
export function userMap<T = string>(entries: Iterable<[string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** A key-sorted map of user keys (prototype-free, see userMap). */
export function sortedMap(entries: Iterable<[string, string]>): StringMap {
  return userMap([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `{K: "v"}` or `["K=v"]` to a key-sorted map. */
export function parseKeyValues(value: Record<string, unknown> | string[]): StringMap {
  if (Array.isArray(value)) {
    return sortedMap(
      value.map((entry) => {
        const at = entry.indexOf("=");
        return [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return sortedMap(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

export function keyValueList(map: StringMap): string[] {
  return Object.entries(map).map(([k, v]) => `${k}=${v}`);
}
