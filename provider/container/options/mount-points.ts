// Every mount point the program declares, whichever option declares it (`mountTargets`). The engine refuses a
// duplicate mount point at create ("Duplicate mount point"), or, between tmpfs and mounts, silently lets one shadow
// the other: both are reported at preview instead.
import { propertyPath } from "../forms/messages";
import { lenient } from "../forms/lenient";
import type { CheckFailure, MountTarget, OptionSpec } from "./spec";

/** The targets of one input, as `mountTargets` gives them: an entry whose target does not parse is left out. */
export function targetsOf<T>(entries: [PropertyKey, T][], target: (entry: T) => string): MountTarget[] {
  return entries.flatMap(([at, entry]) => lenient(() => [{ path: [at], target: target(entry) }], []));
}

/** A failure for each mount point declared a second time, naming the first. */
export function mountPointFailures(options: readonly OptionSpec<any>[], inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const first = new Map<string, string>();
  for (const option of options) {
    if (!option.mountTargets) continue;
    const value = inputs[option.key];
    if (value === undefined) continue;
    for (const { path, target } of option.mountTargets(value)) {
      const property = propertyPath(option.key, path);
      const earlier = first.get(target);
      if (earlier === undefined) {
        first.set(target, property);
        continue;
      }
      failures.push({ property, reason: `${target} is already mounted by ${earlier}: a container path can hold one mount only` });
    }
  }
  return failures;
}
