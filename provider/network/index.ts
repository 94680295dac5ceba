// The Network dynamic provider: what the serialized SDK shim delegates to at run time.
import { configureEngines, engineClient } from "../docker/client";
import { driverFailures } from "../shared/drivers";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { inspectNetwork } from "./engine";
import { inputsOf, SETTING_KEYS, type Inputs } from "./inputs";
import { networkOutputs } from "./outputs";
import { read } from "./read";

export const networkProvider = {
  /** The dynamic-provider host passes the stack config once per process: dockwright:host and dockwright:tls. */
  async configure(req: { config?: { get(key: string): unknown } }) {
    configureEngines(req?.config);
  },
  /** The inputs' rules, then the engine's driver list: an unknown driver fails at preview, naming `driver`. */
  async check(olds: Inputs, news: Inputs) {
    const result = check(olds, news);
    if (!result.failures.length) result.failures.push(...(await driverFailures(news, "Network", "driver")));
    return result;
  },
  async diff(id: string, olds: Inputs, news: Inputs) {
    const { changes, replaces, deleteBeforeReplace } = await diff(id, olds, news);
    return { changes, replaces, deleteBeforeReplace };
  },
  create,
  read,
  /**
   * Every input change replaces, so the engine only calls this when the diff found nothing to redo but new TLS
   * material or a changed adopt: keep the network and store the new settings.
   */
  async update(id: string, olds: Inputs, news: Inputs) {
    const info = await inspectNetwork(await engineClient(news), id);
    const kept = Object.fromEntries(Object.entries(olds).filter(([k]) => !(SETTING_KEYS as readonly string[]).includes(k)));
    const outs = { ...kept, ...inputsOf(news) };
    return { outs: info ? networkOutputs(outs, info) : outs };
  },
  delete: destroy,
};
