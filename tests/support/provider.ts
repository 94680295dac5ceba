// Calls the Container provider directly (no host), for integration tests against the real engine.
import { containerProvider } from "../../provider/container";
import { OPTIONS } from "../../provider/container/options";
import { testLabels } from "./engine";

export { containerProvider };

/** Checked inputs, as the host would pass them to create/diff/update. */
export async function checkedInputs(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const { inputs, failures } = await containerProvider.check(olds, {
    __resourceName: "it",
    ...news,
    labels: { ...testLabels(), ...((news.labels as Record<string, string>) ?? {}) },
  });
  if (failures.length) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  return inputs;
}

/** The next run's checked inputs: the program's previous inputs with `changes`, the generated name kept. */
export async function nextInputs(previous: Record<string, unknown>, changes: Record<string, unknown>) {
  return checkedInputs({ ...previous, ...changes }, previous);
}

const OPTION_KEYS = new Set(OPTIONS.map((o) => o.key));

/**
 * Refresh as if the state held none of the program's options (only the image, settings and hidden keys): every
 * option that differs from its default is rebuilt from the engine, in the canonical form refresh gives for drift.
 * (A refresh with the state's own outputs gives back the program's declaration wherever it still holds.)
 */
export function readFromEngine(id: string, outs: Record<string, unknown>) {
  const props = Object.fromEntries(Object.entries(outs).filter(([k]) => k !== "__declared" && (k === "image" || !OPTION_KEYS.has(k))));
  return containerProvider.read(id, props);
}
