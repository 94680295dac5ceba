// The Network dynamic provider: what the serialized SDK shim delegates to at run time.
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
import type { Inputs } from "./inputs";
import { NETWORK } from "./kind";
import type { NetworkOutputs } from "./outputs";

export const networkProvider = {
  configure,
  /** The inputs' rules, then the engine's driver list: an unknown driver fails at preview, naming `driver`. */
  check: checkedDriver("Network", check),
  diff: async (id: string, olds: Inputs, news: Inputs) => forHost(await replaceDiff(NETWORK, id, olds, news)),
  create,
  // The contract allows a read without props; the host always sends the stored outputs.
  read: (id: string, props?: NetworkOutputs) => refresh(NETWORK, id, props ?? {}),
  update: settingsUpdate(NETWORK),
  delete: destroy,
} satisfies pulumi.dynamic.ResourceProvider<Inputs, NetworkOutputs>;
