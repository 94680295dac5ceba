// The Container dynamic provider: what the serialized SDK shim delegates to at run time.
import type * as pulumi from "@pulumi/pulumi";
import { configure } from "../shared/configure";
import { guarded } from "../shared/guarded";
import { logToEngine } from "../engine-log";
import { check, deprecationWarnings } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { readinessFailures } from "./lifecycle/readiness";
import { read } from "./read";
import { update } from "./update";
import { describe, type Inputs } from "./inputs";

export const containerProvider = {
  configure,
  async check(olds: Inputs, news: Inputs) {
    for (const warning of deprecationWarnings(news)) await logToEngine(warning, "warning");
    const result = check(olds, news);
    // What only the engine can tell (the image's own healthcheck), when the inputs are valid otherwise.
    if (!result.failures.length) result.failures.push(...(await readinessFailures(news)));
    return result;
  },
  diff: guarded("compare", (id: string, olds: Inputs, news: Inputs) => describe({ ...olds, ...news }, id), async (id: string, olds: Inputs, news: Inputs) => {
    const { changes, replaces, deleteBeforeReplace } = await diff(id, olds, news);
    return { changes, replaces, deleteBeforeReplace: replaces.length > 0 && deleteBeforeReplace };
  }),
  create: guarded("create", (inputs: Inputs) => describe(inputs), create),
  // Pulumi types the stored properties as optional; its dynamic-provider host always passes an object.
  read: guarded("refresh", (id: string, props: Inputs = {}) => describe(props, id), (id: string, props: Inputs = {}) => read(id, props)),
  update: guarded("update", (id: string, _olds: Inputs, news: Inputs) => describe(news, id), update),
  delete: guarded("delete", (id: string, props: Inputs) => describe(props, id), destroy),
} satisfies pulumi.dynamic.ResourceProvider<Inputs, Inputs>;
