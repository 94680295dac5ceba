// The Container dynamic provider: what the serialized SDK shim delegates to at run time.
import { configureEngines } from "../docker/client";
import { logToEngine } from "../engine-log";
import { check, deprecationWarnings } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { readinessFailures } from "./lifecycle/readiness";
import { read } from "./read";
import { update } from "./update";
import type { Inputs } from "./inputs";

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
  async diff(id: string, olds: Inputs, news: Inputs) {
    const { changes, replaces, deleteBeforeReplace } = await diff(id, olds, news);
    return { changes, replaces, deleteBeforeReplace: replaces.length > 0 && deleteBeforeReplace };
  },
  create,
  read,
  update,
  delete: destroy,
};
