// The ContainerCommit dynamic provider: what the serialized SDK shim delegates to at run time.
import { engineClient } from "../docker/client";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { inspectImage } from "./engine";
import { inputsOf, type Inputs } from "./inputs";
import { read } from "./read";
import { refreshedOutputs } from "./outputs";

export const commitProvider = {
  async check(olds: Inputs, news: Inputs) {
    return check(olds, news);
  },
  async diff(id: string, olds: Inputs, news: Inputs) {
    const { changes, replaces, deleteBeforeReplace } = await diff(id, olds, news);
    return { changes, replaces, deleteBeforeReplace };
  },
  create,
  read,
  /**
   * Every input change replaces, so the engine only calls this when the diff found nothing to redo: keep the
   * image and take the new inputs' hidden keys (the serialized provider).
   */
  async update(id: string, olds: Inputs, news: Inputs) {
    const info = await inspectImage(await engineClient(), id);
    const outs = { ...olds, ...inputsOf(news) };
    return { outs: info ? refreshedOutputs(outs, info) : outs };
  },
  delete: destroy,
};
