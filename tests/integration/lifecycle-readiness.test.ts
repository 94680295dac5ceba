// waitForHealthy: up returns once the healthcheck reports healthy, after every start; it fails early on
// unhealthy or an exit, and at its deadline, quoting the last probes; a failure keeps the container for the next up.
import { docker, testLabels } from "../support/engine";
import { UNKNOWN } from "../../provider/unknown";
import { execIn } from "../support/exec";
import { BASE_IMAGE, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e) => e as Error & { id?: string; properties?: Record<string, unknown> });
const IDLE = "trap 'exit 0' TERM; sleep 2147483647 & wait";

test("up waits until healthy, and again after a stop and start in place", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    command: ["sh", "-c", `sleep 1; touch /tmp/ready; ${IDLE}`],
    // The start period: failed probes before the process is up do not count.
    healthcheck: { test: "test -f /tmp/ready", interval: "200ms", timeout: "1s", retries: 3, startPeriod: "30s" },
    waitForHealthy: true,
  });
  const t0 = Date.now();
  const { id, outs } = await provider.create(inputs);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
  expect(outs.health).toBe("healthy");

  const stopped = await provider.update(id, outs, await nextInputs(inputs, { state: "stopped" }));
  const restarted = await provider.update(id, stopped.outs, inputs);
  expect(restarted.outs.health).toBe("healthy");
  const info = await docker.getContainer(id).inspect();
  // The verdict belongs to the new run: a probe after its start.
  const probes = (info.State.Health as unknown as { Log: { Start: string }[] }).Log;
  expect(Date.parse(probes[probes.length - 1].Start)).toBeGreaterThanOrEqual(Date.parse(info.State.StartedAt.slice(0, 23)));
  await provider.delete(id, restarted.outs);
});

test("the image's HEALTHCHECK counts", async () => {
  const inputs = await checkedInputs({ image: RICH_IMAGE, waitForHealthy: { timeout: "30s" } });
  const { id, outs } = await provider.create(inputs);
  expect(outs.health).toBe("healthy");
  await provider.delete(id, outs);
});

test("unhealthy fails early quoting the probes; once the cause is fixed, the next up resumes and succeeds", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    healthcheck: { test: "echo probe found no /tmp/ok; test -f /tmp/ok", interval: "200ms", timeout: "1s", retries: 2 },
    waitForHealthy: { timeout: 60 },
  });
  const t0 = Date.now();
  const err = await failure(provider.create(inputs));
  expect(Date.now() - t0).toBeLessThan(15000);
  expect(err?.message).toMatch(/is not ready|could not be brought/);
  expect(err?.message).toMatch(/healthcheck reports unhealthy\. Last health checks:\n {2}- exit 1: probe found no \/tmp\/ok/);
  expect(err?.id).toMatch(/^[0-9a-f]{64}$/);

  await execIn(err!.id!, ["touch", "/tmp/ok"]);
  const { outs } = await provider.update(err!.id!, err!.properties!, inputs);
  expect([outs.health, outs.status]).toEqual(["healthy", "running"]);
  await provider.delete(err!.id!, outs);
});

test("the deadline: still starting after the timeout fails, saying so", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    healthcheck: { test: "sleep 30", interval: "200ms", timeout: "60s", retries: 3 },
    waitForHealthy: { timeout: 1 },
  });
  const t0 = Date.now();
  const err = await failure(provider.create(inputs));
  expect(Date.now() - t0).toBeLessThan(10000);
  expect(err?.message).toMatch(/did not become healthy within 1 s \(still starting\)\. No health check has completed yet/);
  await provider.delete(err!.id!, err!.properties!);
});

test("an exit while waiting fails at once with the container's output", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    command: ["sh", "-c", "echo config is missing >&2; exit 4"],
    healthcheck: { test: "true", interval: "1s" },
    waitForHealthy: true,
  });
  const err = await failure(provider.create(inputs));
  expect(err?.message).toMatch(/exited with code 4 before it became healthy\..*Its last output:\n {2}\| config is missing/s);
  await provider.delete(err!.id!, err!.properties!);
});

test("without any healthcheck (none declared, none in the image): preview fails when the engine has the image", async () => {
  const news = { __resourceName: "it", image: BASE_IMAGE, waitForHealthy: true, labels: testLabels() };
  const { failures } = await provider.check({}, news);
  expect(failures).toEqual([
    { property: "waitForHealthy", reason: expect.stringMatching(/waitForHealthy needs a healthcheck, and neither the declaration nor the image ".*base:latest" has one: declare healthcheck/) },
  ]);
  // Timings alone give no test either.
  expect((await provider.check({}, { ...news, healthcheck: { interval: "1s" } })).failures).toEqual([
    { property: "waitForHealthy", reason: expect.stringMatching(/needs a healthcheck/) },
  ]);
  // A test of its own, or the image's HEALTHCHECK, is enough.
  expect((await provider.check({}, { ...news, healthcheck: { test: "true" } })).failures).toEqual([]);
  expect((await provider.check({}, { ...news, image: RICH_IMAGE })).failures).toEqual([]);
});

test("without any healthcheck, an image not known at preview fails at create, before anything is created", async () => {
  const name = `dw-nohc-${process.env.DOCKWRIGHT_TEST_RUN}`;
  // Preview cannot tell: the image is another resource's output.
  const { failures } = await provider.check({}, { __resourceName: "it", name, image: UNKNOWN, waitForHealthy: true });
  expect(failures).toEqual([]);
  const inputs = await checkedInputs({ name, image: BASE_IMAGE, waitForHealthy: true }).catch(() => undefined);
  expect(inputs).toBeUndefined(); // known now: check itself refuses it
  const err = await failure(provider.create({ __resourceName: "it", name, image: BASE_IMAGE, waitForHealthy: true, labels: testLabels() }));
  expect(err?.message).toMatch(/cannot create container "dw-nohc-.*": waitForHealthy needs a healthcheck, .* Nothing was created/);
  expect(err?.id).toBeUndefined();
  expect(await docker.getContainer(name).inspect().then(() => true, () => false)).toBe(false);
});
