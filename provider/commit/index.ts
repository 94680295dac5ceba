// The ContainerCommit dynamic provider: what the serialized SDK shim delegates to at run time.
import type * as pulumi from "@pulumi/pulumi";
import { configure } from "../shared/configure";
import { forHost } from "../shared/diff-result";
import { guarded } from "../shared/guarded";
import { settingsUpdate } from "../shared/settings-update";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import { diff } from "./diff";
import { inspectImage } from "./engine";
import { describe, ENGINE_KEYS, INPUT_KEYS, type Inputs } from "./inputs";
import { refreshedOutputs, type CommitOutputs } from "./outputs";
import { read } from "./read";

export const commitProvider = {
  configure,
  async check(olds: Inputs, news: Inputs) {
    return check(olds, news);
  },
  diff: async (id: string, olds: Inputs, news: Inputs) => forHost(await diff(id, olds, news)),
  create: guarded("create", (inputs: Inputs) => describe(inputs), create),
  // The contract allows a read without props; the host always sends the stored outputs.
  read: guarded("refresh", (_id: string, props?: CommitOutputs) => describe(props ?? {}), (id: string, props?: CommitOutputs) => read(id, props ?? {})),
  /**
   * Every input change replaces, so the engine only calls this when the diff found nothing to redo (or only new
   * TLS material for the same engine): keep the image and take the new inputs' hidden keys and engine settings.
   */
  update: settingsUpdate({ inputKeys: INPUT_KEYS, settingKeys: ENGINE_KEYS, inspect: inspectImage, outputs: refreshedOutputs }),
  delete: guarded("delete", (_id: string, props: Inputs) => describe(props), destroy),
} satisfies pulumi.dynamic.ResourceProvider<Inputs, CommitOutputs>;
