// Step 2 of the pipeline, plan: the differences between the declaration and the container, grouped by how each
// one is brought into line (the option table says how: options/spec.ts, `apply`). Messages come from explain.ts.
import type Docker from "dockerode";
import { compare, type Difference } from "../compare";
import type { ApplyMode, Context, ImageFacts } from "../options/spec";
import type { Inputs } from "../inputs";

export interface Plan {
  differences: Difference[];
  /** The differences only a new container can bring about. */
  replaces: Difference[];
  /** The differences brought about in place in this way. */
  by(mode: ApplyMode): Difference[];
}

/** `containerImage`: the image the container runs, when it is not the desired one (compare.ts). */
export function plan(inputs: Inputs, ctx: Context, info: Docker.ContainerInspectInfo, containerImage?: ImageFacts): Plan {
  const differences = compare(inputs, ctx, info, containerImage);
  const by = (mode: ApplyMode) => differences.filter((d) => d.mode === mode);
  return { differences, replaces: by("replace"), by };
}

/** "memory, cpus": the properties of `differences`, for messages. */
export function listKeys(differences: Difference[]): string {
  return differences.map((d) => d.key).join(", ");
}
