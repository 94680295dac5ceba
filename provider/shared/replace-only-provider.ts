// The dynamic provider of an object the engine cannot change (Network, Volume), made of the shared steps: only
// check, create and delete are its own. Each provider's index checks the result against Pulumi's contract.
import type { Inputs } from "./check-inputs";
import { configure } from "./configure";
import { forHost } from "./diff-result";
import { checkedDriver } from "./drivers";
import type { EngineObject } from "./engine-object";
import { refresh } from "./refresh";
import { replaceDiff } from "./replace-diff";
import { settingsUpdate } from "./settings-update";

export function replaceOnlyProvider<K extends string, Info, Outputs>(
  kind: EngineObject<K, Info, Outputs>,
  own: {
    check(olds: Inputs, news: Inputs): { inputs: Inputs; failures: { property: string; reason: string }[] };
    create(inputs: Inputs): Promise<{ id: string; outs: Inputs }>;
    destroy(id: string, props: Inputs): Promise<void>;
  },
) {
  return {
    configure,
    /** The inputs' rules, then the engine's driver list: an unknown driver fails at preview, naming `driver`. */
    check: checkedDriver(kind.type, own.check),
    diff: async (id: string, olds: Inputs, news: Inputs) => forHost(await replaceDiff(kind, id, olds, news)),
    create: own.create,
    // The contract allows a read without props; the host always sends the stored outputs.
    read: (id: string, props?: Outputs) => refresh(kind, id, props ?? {}),
    update: settingsUpdate(kind),
    delete: own.destroy,
  };
}
