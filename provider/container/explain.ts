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

export function explainDifference(d: Difference): string {
  if (d.unknown) return `${d.key}: not known until other resources are created (${HOW[d.mode]})`;
  if (byKey.get(d.key)?.sensitive) return `${d.key}: changed (${HOW[d.mode]})`;
  return `${d.key}: ${show(d.key, d.actual)} -> ${show(d.key, d.desired)} (${HOW[d.mode]})`;
}

export function explainDiff(container: string, differences: Difference[]): string {
  return `${container}: ${differences.map(explainDifference).join("; ")}`;
}
