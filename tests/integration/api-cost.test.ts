// Engine API calls per operation, counted on the provider's own client.
import { dockerClient } from "../../provider/docker/client";
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

/** The calls `work` made, and the order in which they were sent and answered ("sent X", "answered X"). */
async function counting<T>(work: () => Promise<T>): Promise<{ result: T; calls: string[]; events: string[] }> {
  const { docker } = await dockerClient();
  // The engine's shared modem, under each client's deadline wrapper (provider/docker/deadlines.ts).
  const modem = Object.getPrototypeOf(docker.modem) as any;
  const dial = modem.dial;
  const calls: string[] = [];
  const events: string[] = [];
  modem.dial = function (options: { method: string; path: string }, callback: (...args: unknown[]) => unknown) {
    const call = `${options.method} ${options.path.replace(/\?.*$/, "")}`;
    calls.push(call);
    events.push(`sent ${call}`);
    return dial.call(this, options, (...args: unknown[]) => {
      events.push(`answered ${call}`);
      return callback(...args);
    });
  };
  try {
    return { result: await work(), calls, events };
  } finally {
    modem.dial = dial;
  }
}

test("a no-op diff makes 2 Engine API calls; an in-place memory change at most 4", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, memory: "64m" });
  const { id, outs } = await provider.create(inputs);

  const noop = await counting(() => provider.diff(id, outs, inputs));
  expect(noop.result.changes).toBe(false);
  // Sent at once, before either is answered: one round trip on the diff's path, not two.
  expect([...noop.calls].sort()).toEqual([`GET /containers/${id}/json`, `GET /images/${BASE_IMAGE}/json`]);
  expect(noop.events.slice(0, 2).every((e) => e.startsWith("sent "))).toBe(true);

  const next = await nextInputs(inputs, { memory: "96m" });
  const change = await counting(() => provider.update(id, outs, next));
  expect(change.result.outs.status).toBe("running");
  expect(change.calls.length).toBeLessThanOrEqual(4);
  expect(change.calls).toContain(`POST /containers/${id}/update`);
  await provider.delete(id, change.result.outs);
});

describe("update right after the diff that planned it (as in `pulumi up`)", () => {
  const MiB = 1024 * 1024;
  async function running(memory: string) {
    const inputs = await checkedInputs({ image: BASE_IMAGE, memory });
    const { id, outs } = await provider.create(inputs);
    return { id, outs, inputs };
  }

  test("uses the diff's inspect: only the update call and the verifying inspect", async () => {
    const { id, outs, inputs } = await running("64m");
    const next = await nextInputs(inputs, { memory: "96m" });
    expect((await provider.diff(id, outs, next)).changes).toBe(true);
    const change = await counting(() => provider.update(id, outs, next));
    expect(change.calls).toEqual([`POST /containers/${id}/update`, `GET /containers/${id}/json`]);
    expect((await docker.getContainer(id).inspect()).HostConfig.Memory).toBe(96 * MiB);
    await provider.delete(id, change.result.outs);
  });

  test("with other inputs than the diff saw, asks the engine again and applies the new inputs", async () => {
    const { id, outs, inputs } = await running("64m");
    await provider.diff(id, outs, await nextInputs(inputs, { memory: "96m" }));
    const other = await nextInputs(inputs, { memory: "128m" });
    const change = await counting(() => provider.update(id, outs, other));
    expect(change.calls).toContain(`GET /images/${BASE_IMAGE}/json`);
    expect((await docker.getContainer(id).inspect()).HostConfig.Memory).toBe(128 * MiB);
    await provider.delete(id, change.result.outs);
  });

  test("a container stopped between diff and update is changed and started again", async () => {
    const { id, outs, inputs } = await running("64m");
    const next = await nextInputs(inputs, { memory: "96m" });
    await provider.diff(id, outs, next);
    await docker.getContainer(id).stop({ t: 0 });
    const { outs: after } = await provider.update(id, outs, next);
    const info = await docker.getContainer(id).inspect();
    expect([info.State.Running, info.HostConfig.Memory, after.status]).toEqual([true, 96 * MiB, "running"]);
    await provider.delete(id, after);
  });
});
