// Every mount point the program declares, whichever option declares it. The engine refuses a duplicate mount
// point at create ("Duplicate mount point"), or, between tmpfs and mounts, silently lets one shadow the other:
// both are reported at preview instead.
import { propertyPath } from "./forms/messages";
import type { CheckFailure } from "./options/spec";
import { containerPath, parseMount, parseVolumeString, volumeFromObject, type MountObject, type VolumeObject } from "./forms/storage";

interface Declared {
  property: string;
  target: string;
}

/** Targets of one option's raw (validated) input; entries that do not parse were reported by the schema. */
function targetsOf(key: string, value: unknown): Declared[] {
  const out: Declared[] = [];
  const add = (property: string, target: () => string) => {
    try {
      out.push({ property, target: target() });
    } catch {
      // already reported by the option's schema
    }
  };
  if (key === "volumes") {
    if (Array.isArray(value)) {
      value.forEach((v: string | VolumeObject, i) =>
        add(`volumes[${i}]`, () => (typeof v === "string" ? parseVolumeString(v) : volumeFromObject(v)).target),
      );
    } else if (value && typeof value === "object") {
      for (const [source, spec] of Object.entries(value as Record<string, { bind: string }>)) {
        add(propertyPath("volumes", [source]), () => containerPath(spec.bind));
      }
    }
  } else if (key === "mounts" && Array.isArray(value)) {
    value.forEach((m: string | MountObject, i) => add(`mounts[${i}]`, () => parseMount(m).target));
  } else if (key === "tmpfs") {
    if (Array.isArray(value)) value.forEach((e: string, i) => add(`tmpfs[${i}]`, () => containerPath(e.split(":")[0])));
    else if (value && typeof value === "object") for (const t of Object.keys(value)) add(propertyPath("tmpfs", [t]), () => containerPath(t));
  }
  return out;
}

export function storageTargetFailures(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const first = new Map<string, string>();
  for (const key of ["volumes", "mounts", "tmpfs"]) {
    for (const { property, target } of targetsOf(key, inputs[key])) {
      const earlier = first.get(target);
      if (earlier === undefined) {
        first.set(target, property);
        continue;
      }
      failures.push({
        property,
        reason: `${target} is already mounted by ${earlier}: a container path can hold one mount only`,
      });
    }
  }
  return failures;
}
