// The Container dynamic provider: what the serialized SDK shim delegates to at run time.
import type * as pulumi from "@pulumi/pulumi";
import { configureEngines } from "../docker/client";
import { logToEngine } from "../engine-log";
import { check, deprecationWarnings } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { readinessFailures } from "./lifecycle/readiness";
import { read } from "./read";
import { update } from "./update";
import { describe, type Inputs } from "./inputs";
import { lastResort } from "./errors";

/** Any engine error that reached here unshaped still names the container, the operation and the request. */
function guarded<A extends unknown[], R>(operation: string, subject: (...args: A) => string, method: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await method(...args);
    } catch (err) {
      throw lastResort(subject(...args), operation, err);
    }
  };
}

export const containerProvider = {
  /** The dynamic-provider host passes the stack config once per process: dockwright:host and dockwright:tls. */
  async configure(req: { config?: { get(key: string): unknown } }) {
    configureEngines(req?.config);
  },
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
