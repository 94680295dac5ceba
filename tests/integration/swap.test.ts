// Replacement by swap, against the real engine with the provider called as the Pulumi engine calls it: diff (with
// the old id) plans the swap, create (without it) finds the old container by its identity and swaps it, delete
// removes the old one by id wherever it was put aside.
import { randomBytes } from "crypto";
import { IDENTITY_LABEL } from "../../provider/identity";
import { docker, eventually, testLabels, TEST_LABEL } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { freePort } from "../support/ports";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const run = testLabels()[TEST_LABEL];

/** Inputs of one resource of a stack of its own, as the SDK sends them (with an identity). */
async function resource(news: Record<string, unknown>) {
  const tag = randomBytes(3).toString("hex");
  const identity = `it-swap/${run}/Container/web-${tag}`;
  const name = `dw-swap-${tag}`;
  const inputs = await checkedInputs({ image: BASE_IMAGE, __identity: identity, name, env: { GENERATION: "1" }, ...news });
  return { identity, name, inputs };
}

async function ofIdentity(identity: string) {
  return docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${IDENTITY_LABEL}=${identity}`] }) });
}

const inspect = (id: string) => docker.getContainer(id).inspect();

/** The engine's events for these containers between two times, in order: "start", "health_status: healthy", ... */
async function eventsOf(ids: string[], since: number, until: number): Promise<{ id: string; action: string }[]> {
  const stream = await docker.getEvents({
    since: Math.floor(since / 1000),
    until: Math.ceil(until / 1000) + 1,
    filters: JSON.stringify({ type: ["container"], container: ids }),
  });
  const text = await new Promise<string>((resolve, reject) => {
    let body = "";
    stream.on("data", (d: Buffer) => (body += d));
    stream.on("end", () => resolve(body));
    stream.on("error", reject);
  });
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    // Health probes run as execs: not something done to the container.
    .filter((e) => e.timeNano / 1e6 >= since - 5 && e.timeNano / 1e6 <= until + 5 && !String(e.Action).startsWith("exec_"))
    .map((e) => ({ id: e.id, action: e.Action }));
}

const healthy = { healthcheck: { test: "true", interval: "250ms", retries: 2 }, waitForHealthy: { timeout: "30s" } };
const neverHealthy = { healthcheck: { test: "false", interval: "250ms", retries: 2 }, waitForHealthy: { timeout: "30s" } };

test("a fixed name and host port: diff creates first; create stops the old one, gives the name to the new one and starts it; delete removes the old one by id", async () => {
  const port = await freePort();
  const { identity, name, inputs } = await resource({ ports: [`127.0.0.1:${port}:80`] });
  const old = await provider.create(inputs);
  const next = await nextInputs(inputs, { env: { GENERATION: "2" } });
  expect(await provider.diff(old.id, old.outs, next)).toEqual({ changes: true, replaces: ["env"], deleteBeforeReplace: false });

  const swapped = await provider.create(next);
  const [now, before] = await Promise.all([inspect(swapped.id), inspect(old.id)]);
  // The new one holds the host port: it could only start once the old one had stopped.
  expect(now.State.Running).toBe(true);
  expect(now.Name).toBe(`/${name}`);
  expect(now.NetworkSettings.Ports["80/tcp"]?.[0]?.HostPort).toBe(String(port));
  expect(before.State.Running).toBe(false);
  expect(before.Name).toBe(`/${name}-replaced-${old.id.slice(0, 8)}`);
  expect(swapped.outs).toMatchObject({ name, status: "running" });

  await provider.delete(old.id, old.outs);
  expect((await ofIdentity(identity)).map((c) => c.Id)).toEqual([swapped.id]);
  await provider.delete(swapped.id, swapped.outs);
});

test("stop-first rollback: a new container that does not become ready is removed, and the old one runs again under its name", async () => {
  const port = await freePort();
  const { identity, name, inputs } = await resource({ ports: [`127.0.0.1:${port}:80`], ...healthy });
  const old = await provider.create(inputs);
  const next = await nextInputs(inputs, { env: { GENERATION: "2" }, ...neverHealthy });
  expect((await provider.diff(old.id, old.outs, next)).deleteBeforeReplace).toBe(false);

  const failure = await provider.create(next).then(() => undefined, (e: Error & { id?: string }) => e);
  expect(failure?.message).toMatch(
    new RegExp(
      `^container "${name}": the new container did not start and become ready: its healthcheck reports unhealthy\\..*` +
        `The replacement was rolled back: the new container was removed \\(none is left\\)\\. The old container ${old.id.slice(0, 12)} is running as "${name}" again, and the stack still holds it\\.`,
      "s",
    ),
  );
  // A plain failure: Pulumi keeps the old resource and no new one.
  expect(failure?.id).toBeUndefined();
  const after = await inspect(old.id);
  expect(after.State.Running).toBe(true);
  expect(after.Name).toBe(`/${name}`);
  expect(after.NetworkSettings.Ports["80/tcp"]?.[0]?.HostPort).toBe(String(port));
  expect((await ofIdentity(identity)).map((c) => c.Id)).toEqual([old.id]);

  // Fixed: the next up swaps.
  const fixed = await nextInputs(next, healthy);
  expect((await provider.diff(old.id, old.outs, fixed)).deleteBeforeReplace).toBe(false);
  const swapped = await provider.create(fixed);
  expect(swapped.outs).toMatchObject({ name, status: "running", health: "healthy" });
  await provider.delete(old.id, old.outs);
  await provider.delete(swapped.id, swapped.outs);
});

test("start-first: the new container is ready before the old one is touched; the name moves, and the old one runs until delete", async () => {
  const { identity, name, inputs } = await resource({ ports: ["127.0.0.1::80"], updateOrder: "start-first", ...healthy });
  const old = await provider.create(inputs);
  const next = await nextInputs(inputs, { env: { GENERATION: "2" } });
  expect((await provider.diff(old.id, old.outs, next)).deleteBeforeReplace).toBe(false);

  const since = Date.now();
  const swapped = await provider.create(next);
  const until = Date.now();
  const [now, before] = await Promise.all([inspect(swapped.id), inspect(old.id)]);
  expect(now.Name).toBe(`/${name}`);
  expect(now.State.Health?.Status).toBe("healthy");
  expect(before.State.Running).toBe(true);
  expect(before.Name).toBe(`/${name}-replaced-${old.id.slice(0, 8)}`);
  const events = await eventsOf([old.id, swapped.id], since, until);
  const at = (id: string, action: string) => events.findIndex((e) => e.id === id && e.action.startsWith(action));
  expect(at(swapped.id, "health_status: healthy")).toBeGreaterThan(at(swapped.id, "start"));
  expect(at(old.id, "rename")).toBeGreaterThan(at(swapped.id, "health_status: healthy"));
  expect(events.filter((e) => e.id === old.id).map((e) => e.action)).toEqual(["rename"]);

  await provider.delete(old.id, old.outs);
  expect((await ofIdentity(identity)).map((c) => c.Id)).toEqual([swapped.id]);

  // A start-first replacement that fails leaves the old container alone: not stopped, not renamed.
  const bad = await nextInputs(next, { env: { GENERATION: "3" }, ...neverHealthy });
  expect((await provider.diff(swapped.id, swapped.outs, bad)).deleteBeforeReplace).toBe(false);
  const since2 = Date.now();
  await expect(provider.create(bad)).rejects.toThrow(/the new container did not become ready: .*The old container .* was not touched: it is running as "dw-swap-\w+", and the stack still holds it/s);
  expect(await eventsOf([swapped.id], since2, Date.now())).toEqual([]);
  expect((await ofIdentity(identity)).map((c) => c.Id)).toEqual([swapped.id]);
  await provider.delete(swapped.id, swapped.outs);
});

test("a swap cut off midway (old stopped and aside, a new container holding the name): the next create removes that leftover, and a rollback or a swap puts things right", async () => {
  const port = await freePort();
  const { identity, name, inputs } = await resource({ ports: [`127.0.0.1:${port}:80`] });
  const old = await provider.create(inputs);
  // What a provider killed while the new container was starting leaves behind.
  await docker.getContainer(old.id).stop({ t: 0 });
  await docker.getContainer(old.id).rename({ name: `${name}-replaced-${old.id.slice(0, 8)}` });
  const cut = await docker.createContainer({
    Image: BASE_IMAGE,
    name,
    Labels: { ...testLabels(), [IDENTITY_LABEL]: identity },
    HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: String(port) }] } },
    ExposedPorts: { "80/tcp": {} },
  });
  await cut.start();

  // A rollback puts the old container back as the stack declared it: under its name, running.
  const bad = await nextInputs(inputs, { env: { GENERATION: "2" }, ...neverHealthy });
  expect((await provider.diff(old.id, old.outs, bad)).deleteBeforeReplace).toBe(false);
  await expect(provider.create(bad)).rejects.toThrow(new RegExp(`rolled back: .*The old container ${old.id.slice(0, 12)} is running as "${name}" again`, "s"));
  await expect(inspect(cut.id)).rejects.toThrow(/no such container/i);
  expect(await inspect(old.id)).toMatchObject({ Name: `/${name}`, State: { Running: true } });

  const next = await nextInputs(inputs, { env: { GENERATION: "2" } });
  const planned = await provider.diff(old.id, old.outs, next);
  expect(planned).toMatchObject({ replaces: expect.arrayContaining(["env"]), deleteBeforeReplace: false });
  const swapped = await provider.create(next);
  expect((await inspect(swapped.id)).Name).toBe(`/${name}`);
  expect((await inspect(swapped.id)).State.Running).toBe(true);
  await provider.delete(old.id, old.outs);
  expect((await ofIdentity(identity)).map((c) => c.Id)).toEqual([swapped.id]);
  await provider.delete(swapped.id, swapped.outs);
});

test("a container without this resource's identity label (made by an older dockwright) is still deleted first when it must be unique", async () => {
  const { inputs } = await resource({});
  const { __identity: _none, ...unlabelled } = inputs;
  const old = await provider.create(unlabelled);
  expect(await provider.diff(old.id, old.outs, { ...inputs, env: { GENERATION: "2" } })).toMatchObject({ replaces: ["env"], deleteBeforeReplace: true });
  await provider.delete(old.id, old.outs);
  await eventually("the container gone", async () => ((await docker.listContainers({ all: true, filters: JSON.stringify({ id: [old.id] }) })).length ? undefined : true));
});
