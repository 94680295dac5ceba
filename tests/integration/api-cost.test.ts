// Engine API calls per operation, counted on the provider's own client.
import { engineClient } from "../../provider/docker/client";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

async function counting<T>(work: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const { docker } = await engineClient();
  const modem = docker.modem as any;
  const dial = modem.dial;
  const calls: string[] = [];
  modem.dial = function (options: { method: string; path: string }, callback: unknown) {
    calls.push(`${options.method} ${options.path.replace(/\?.*$/, "")}`);
    return dial.call(this, options, callback);
  };
  try {
    return { result: await work(), calls };
  } finally {
    modem.dial = dial;
  }
}

test("a no-op diff makes 2 Engine API calls; an in-place memory change at most 4", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, memory: "64m" });
  const { id, outs } = await provider.create(inputs);

  const noop = await counting(() => provider.diff(id, outs, inputs));
  expect(noop.result.changes).toBe(false);
  expect(noop.calls).toEqual([`GET /containers/${id}/json`, `GET /images/${BASE_IMAGE}/json`]);

  const next = await nextInputs(inputs, { memory: "96m" });
  const change = await counting(() => provider.update(id, outs, next));
  expect(change.result.outs.status).toBe("running");
  expect(change.calls.length).toBeLessThanOrEqual(4);
  expect(change.calls).toContain(`POST /containers/${id}/update`);
  await provider.delete(id, change.result.outs);
});
