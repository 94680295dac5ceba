// Calls the Container provider directly (no host), for integration tests against the real engine.
import { containerProvider } from "../../provider/container";
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
