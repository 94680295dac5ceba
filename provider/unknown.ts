// The engine sends this string for values not known yet (preview, outputs of resources not created yet),
// at any depth and in place of any type.
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** A path of keys and indexes, kept as a chain to its parent so a deep walk never copies it. */
interface PathLink {
  key: PropertyKey;
  parent: PathLink | undefined;
}

function pathOf(link: PathLink | undefined): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at = link; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Values from the engine are trees (they come as JSON); a value built by hand may share or loop. Past this many
 * nested values a walk remembers what it visited, so a loop ends; below it, it costs nothing.
 */
const TRACK_AFTER = 1_000_000;

/** Guards a walk against loops: true for an object seen before (tracked only past TRACK_AFTER values). */
function loopGuard(): (value: object) => boolean {
  let count = 0;
  let seen: Set<object> | undefined;
  return (value) => {
    if (++count <= TRACK_AFTER) return false;
    seen ??= new Set();
    if (seen.has(value)) return true;
    seen.add(value);
    return false;
  };
}

/**
 * Calls `visit` on `value` and on every value nested in it (arrays and plain objects), depth first and in order,
 * until `visit` returns true. `path()` gives the keys and indexes that lead to the value. Iterative, so no depth of
 * nesting can overflow the stack, and linear in the size of the value.
 */
export function someNested(value: unknown, visit: (value: unknown, path: () => PropertyKey[]) => boolean): boolean {
  const values: unknown[] = [value];
  const links: (PathLink | undefined)[] = [undefined];
  const again = loopGuard();
  while (values.length) {
    const current = values.pop();
    const link = links.pop();
    if (visit(current, () => pathOf(link))) return true;
    if (!current || typeof current !== "object" || again(current)) continue;
    // Pushed in reverse, so entries are visited in order.
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        values.push(current[i]);
        links.push({ key: i, parent: link });
      }
    } else {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        values.push((current as Record<string, unknown>)[keys[i]]);
        links.push({ key: keys[i], parent: link });
      }
    }
  }
  return false;
}

/** Whether the value holds the unknown marker at any depth (iteratively: no depth overflows the stack). */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (!value || typeof value !== "object") return false;
  const stack: unknown[] = [value];
  const again = loopGuard();
  while (stack.length) {
    const current = stack.pop();
    if (current === UNKNOWN) return true;
    if (!current || typeof current !== "object" || again(current)) continue;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) stack.push(current[i]);
    } else {
      for (const key of Object.keys(current)) stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return false;
}
