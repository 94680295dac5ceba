// The Volume dynamic provider: what the serialized SDK shim delegates to at run time.
import type * as pulumi from "@pulumi/pulumi";
import { configure } from "../shared/configure";
import { forHost } from "../shared/diff-result";
import { checkedDriver } from "../shared/drivers";
import { refresh } from "../shared/refresh";
import { replaceDiff } from "../shared/replace-diff";
import { settingsUpdate } from "../shared/settings-update";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import type { VolumeOutputs } from "./engine";
import type { Inputs } from "./inputs";
import { VOLUME } from "./kind";

export const volumeProvider = {
  configure,
  /** The inputs' rules, then the engine's driver list: an unknown driver fails at preview, naming `driver`. */
  check: checkedDriver("Volume", check),
  diff: async (id: string, olds: Inputs, news: Inputs) => forHost(await replaceDiff(VOLUME, id, olds, news)),
  create,
  // The contract allows a read without props; the host always sends the stored outputs.
  read: (id: string, props?: VolumeOutputs) => refresh(VOLUME, id, props ?? {}),
  update: settingsUpdate(VOLUME),
  delete: destroy,
} satisfies pulumi.dynamic.ResourceProvider<Inputs, VolumeOutputs>;
