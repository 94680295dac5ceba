// The ContainerCommit dynamic provider: what the serialized SDK shim delegates to at run time.
import { configureEngines, engineClient } from "../docker/client";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { inspectImage } from "./engine";
import { describe, ENGINE_KEYS, inputsOf, type Inputs } from "./inputs";
import { lastResort } from "../container/errors";

/** Any engine error that reached here unshaped still names the commit, the operation and the request. */
function guarded<A extends unknown[], R>(operation: string, subject: (...args: A) => string, method: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await method(...args);
    } catch (err) {
      throw lastResort(subject(...args), operation, err);
    }
  };
}
import { read } from "./read";
import { refreshedOutputs } from "./outputs";

export const commitProvider = {
  /** The dynamic-provider host passes the stack config once per process: dockwright:host and dockwright:tls. */
  async configure(req: { config?: { get(key: string): unknown } }) {
    configureEngines(req?.config);
  },
  async check(olds: Inputs, news: Inputs) {
    return check(olds, news);
  },
  async diff(id: string, olds: Inputs, news: Inputs) {
    const { changes, replaces, deleteBeforeReplace } = await diff(id, olds, news);
    return { changes, replaces, deleteBeforeReplace };
  },
  create: guarded("create", (inputs: Inputs) => describe(inputs), create),
  read: guarded("refresh", (_id: string, props: Inputs) => describe(props), read),
  /**
   * Every input change replaces, so the engine only calls this when the diff found nothing to redo (or only new
   * TLS material for the same engine): keep the image and take the new inputs' hidden keys and engine settings.
   */
  async update(id: string, olds: Inputs, news: Inputs) {
    const info = await inspectImage(await engineClient(news), id);
    // Engine keys come from the new inputs only: a tls removed from the program leaves the outputs too.
    const kept = Object.fromEntries(Object.entries(olds).filter(([k]) => !(ENGINE_KEYS as readonly string[]).includes(k)));
    const outs = { ...kept, ...inputsOf(news) };
    return { outs: info ? refreshedOutputs(outs, info) : outs };
  },
  delete: guarded("delete", (_id: string, props: Inputs) => describe(props), destroy),
};
