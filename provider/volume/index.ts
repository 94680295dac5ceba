// The Volume dynamic provider: what the serialized SDK shim delegates to at run time.
import { configureEngines, engineClient } from "../docker/client";
import { driverFailures } from "../shared/drivers";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { inspectVolume, volumeOutputs } from "./engine";
import { inputsOf, SETTING_KEYS, type Inputs } from "./inputs";
import { read } from "./read";

export const volumeProvider = {
  async configure(req: { config?: { get(key: string): unknown } }) {
    configureEngines(req?.config);
  },
  /** The inputs' rules, then the engine's driver list: an unknown driver fails at preview, naming `driver`. */
  async check(olds: Inputs, news: Inputs) {
    const result = check(olds, news);
    if (!result.failures.length) result.failures.push(...(await driverFailures(news, "Volume", "driver")));
    return result;
  },
  async diff(id: string, olds: Inputs, news: Inputs) {
    const { changes, replaces, deleteBeforeReplace } = await diff(id, olds, news);
    return { changes, replaces, deleteBeforeReplace };
  },
  create,
  read,
  /** Only new settings (TLS material, adopt): store them, keep the volume. */
  async update(id: string, olds: Inputs, news: Inputs) {
    const info = await inspectVolume(await engineClient(news), id);
    const kept = Object.fromEntries(Object.entries(olds).filter(([k]) => !(SETTING_KEYS as readonly string[]).includes(k)));
    const outs = { ...kept, ...inputsOf(news) };
    return { outs: info ? volumeOutputs(outs, info) : outs };
  },
  delete: destroy,
};
