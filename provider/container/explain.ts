// One message per container whose diff found changes: each property, what it is and what it will be, and how
// the change is applied. Sensitive options are named, never shown.
import type { Difference } from "./compare";
import { OPTIONS } from "./options";

const HOW: Record<Difference["mode"], string> = {
  replace: "replace",
  update: "in place",
  rename: "in place, rename",
  network: "in place, network",
  state: "in place, run state",
};

const byKey = new Map(OPTIONS.map((o) => [o.key, o]));

function show(key: string, value: unknown): string {
  const custom = byKey.get(key)?.show;
  return custom ? custom(value) : (JSON.stringify(value) ?? "unset");
}

/**
 * `drift`: the declaration did not change, the container did (outside Pulumi). The CLI builds its property list
 * from old and new inputs, so without this word a drift shows as an update that names no property.
 */
export function explainDifference(d: Difference, drift = false): string {
  const how = drift ? `changed outside Pulumi; ${HOW[d.mode]}` : HOW[d.mode];
  if (d.unknown) return `${d.key}: not known until other resources are created (${how})`;
  if (byKey.get(d.key)?.sensitive) return `${d.key}: changed (${how})`;
  return `${d.key}: ${show(d.key, d.actual)} -> ${show(d.key, d.desired)} (${how})`;
}

export function explainDiff(container: string, differences: Difference[], isDrift: (d: Difference) => boolean = () => false): string {
  return `${container}: ${differences.map((d) => explainDifference(d, isDrift(d))).join("; ")}`;
}
