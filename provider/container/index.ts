// The Container dynamic provider: what the serialized SDK shim delegates to at run time.
import { configureEngines } from "../docker/client";
import { logToEngine } from "../engine-log";
import { check, deprecationWarnings } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
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
    return check(olds, news);
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
