// Healthcheck, logging and platform against the real engine: what the engine holds, healthchecks really running,
// other forms of the same value are no change, changes replace, and the engine's own refusals.
import { docker, eventually, testLabels } from "../support/engine";
import { BASE_IMAGE, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs, readFromEngine } from "../support/provider";

const health = async (id: string) => (await docker.getContainer(id).inspect()).State.Health?.Status;
const healthy = (id: string) => eventually(`container ${id} to be healthy`, async () => ((await health(id)) === "healthy" ? true : undefined));

/**
 * Refresh gives the declared options back as declared; rebuilt from the engine alone, its inputs describe the
 * container exactly: valid, and no change against it.
 */
async function expectRoundTrip(id: string, outs: Record<string, unknown>) {
  const declared = Object.keys(outs).filter((k) => ["healthcheck", "logDriver", "logOptions", "platform"].includes(k));
  const kept = (await provider.read(id, outs)).inputs!;
  for (const key of declared) expect([key, kept[key]]).toEqual([key, outs[key]]);
  const read = await readFromEngine(id, outs);
  expect((await provider.check({}, read.inputs!)).failures).toEqual([]);
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  return read.inputs!;
}

describe("healthcheck", () => {
  test("declared: the engine holds every field, the check runs and passes, other forms are no change, changes replace", async () => {
    const inputs = await checkedInputs({
      image: BASE_IMAGE,
      healthcheck: { test: ["CMD-SHELL", "exit 0"], interval: "100ms", timeout: "1s", retries: 2 },
    });
    const { id, outs } = await provider.create(inputs);
    // Inspect leaves out fields that are 0 (StartPeriod here).
    expect((await docker.getContainer(id).inspect()).Config.Healthcheck).toEqual({
      Test: ["CMD-SHELL", "exit 0"], Interval: 100000000, Timeout: 1000000000, Retries: 2,
    });
    await healthy(id);

    const same = await nextInputs(inputs, { healthcheck: { test: "exit 0", interval: 1e8, timeout: "1000ms", retries: 2, startPeriod: undefined } });
    expect((await provider.diff(id, outs, same)).changes).toBe(false);
    for (const healthcheck of [
      { test: "exit 0", interval: "200ms", timeout: "1s", retries: 2 },
      { test: "exit 1", interval: "100ms", timeout: "1s", retries: 2 },
      { test: "exit 0", interval: "100ms", timeout: "1s", retries: 3 },
      { test: "exit 0", interval: "100ms", timeout: "1s", retries: 2, startPeriod: "1s" },
      false,
    ]) {
      const d = await provider.diff(id, outs, await nextInputs(inputs, { healthcheck }));
      expect([healthcheck, d.replaces]).toEqual([healthcheck, ["healthcheck"]]);
    }
    // Removing it (the image has no HEALTHCHECK) is a change too.
    const { healthcheck: _h, ...without } = inputs;
    expect((await provider.diff(id, outs, await nextInputs(without, {}))).replaces).toEqual(["healthcheck"]);

    const refreshed = await expectRoundTrip(id, outs);
    expect(refreshed.healthcheck).toEqual({ test: ["CMD-SHELL", "exit 0"], interval: "100ms", timeout: "1s", retries: 2 });
    await provider.delete(id, outs);
  });

  test("an unhealthy check is reported as such", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, healthcheck: { test: ["CMD", "false"], interval: "50ms", retries: 1 } });
    const { id, outs } = await provider.create(inputs);
    await eventually("the container to be unhealthy", async () => ((await health(id)) === "unhealthy" ? true : undefined));
    await provider.delete(id, outs);
  });

  test("the image's HEALTHCHECK is inherited; declaring some fields keeps the image's others, as the engine merges them", async () => {
    // RICH_IMAGE: HEALTHCHECK --interval=2s --timeout=1s --retries=2 CMD ["true"]
    const plain = await checkedInputs({ image: RICH_IMAGE });
    const created = await provider.create(plain);
    expect((await docker.getContainer(created.id).inspect()).Config.Healthcheck).toEqual({
      Test: ["CMD", "true"], Interval: 2e9, Timeout: 1e9, Retries: 2,
    });
    expect((await provider.diff(created.id, created.outs, plain)).changes).toBe(false);
    const explicit = await nextInputs(plain, { healthcheck: { test: ["CMD", "true"], interval: "2s", timeout: "1s", retries: 2 } });
    expect((await provider.diff(created.id, created.outs, explicit)).changes).toBe(false);
    expect((await provider.diff(created.id, created.outs, await nextInputs(plain, { healthcheck: { interval: "5s" } }))).replaces).toEqual(["healthcheck"]);
    await healthy(created.id);
    await provider.delete(created.id, created.outs);

    const partial = await checkedInputs({ image: RICH_IMAGE, healthcheck: { interval: "5s" } });
    const { id, outs } = await provider.create(partial);
    expect((await docker.getContainer(id).inspect()).Config.Healthcheck).toEqual({
      Test: ["CMD", "true"], Interval: 5e9, Timeout: 1e9, Retries: 2,
    });
    const full = await nextInputs(partial, { healthcheck: { test: ["CMD", "true"], interval: "5s", timeout: "1s", retries: 2 } });
    expect((await provider.diff(id, outs, full)).changes).toBe(false);
    // Back to the image's own: a change.
    const { healthcheck: _h, ...inherited } = partial;
    expect((await provider.diff(id, outs, await nextInputs(inherited, {}))).replaces).toEqual(["healthcheck"]);
    await provider.delete(id, outs);
  });

  test("false disables the image's HEALTHCHECK: stored as Test [\"NONE\"], and no health state at all", async () => {
    const inputs = await checkedInputs({ image: RICH_IMAGE, healthcheck: false });
    const { id, outs } = await provider.create(inputs);
    const info = await docker.getContainer(id).inspect();
    expect(info.State.Running).toBe(true);
    // A container with a healthcheck has State.Health ("starting") from the moment it starts.
    expect(info.State.Health).toBeUndefined();
    expect(info.Config.Healthcheck?.Test).toEqual(["NONE"]);
    expect(outs.health).toBe("none");
    expect((await provider.diff(id, outs, await nextInputs(inputs, { healthcheck: { test: "NONE" } }))).changes).toBe(false);
    expect((await provider.diff(id, outs, await nextInputs(inputs, { healthcheck: undefined }))).replaces).toEqual(["healthcheck"]);
    expect((await expectRoundTrip(id, outs)).healthcheck).toBe(false);
    await provider.delete(id, outs);
  });

  test("timings without a test on an image without HEALTHCHECK fail before anything is created", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, healthcheck: { interval: "5s" } });
    await expect(provider.create(inputs)).rejects.toThrow(
      `healthcheck declares no test and image "${BASE_IMAGE}" has no HEALTHCHECK to take it from`,
    );
  });

  test("startInterval needs API 1.44: an older engine drops it, and create says so and leaves nothing behind", async () => {
    const { ApiVersion } = await docker.version();
    const inputs = await checkedInputs({ image: BASE_IMAGE, name: `dw-hc-start-${testLabels()["dockwright-test"]}`, healthcheck: { test: ["CMD", "true"], startInterval: "2s" } });
    if (Number(ApiVersion) >= 1.44) {
      const { id, outs } = await provider.create(inputs);
      expect((await docker.getContainer(id).inspect()).Config.Healthcheck).toMatchObject({ StartInterval: 2e9 });
      await provider.delete(id, outs);
    } else {
      // Measured on API 1.41: create answers 201 and inspect has no StartInterval.
      await expect(provider.create(inputs)).rejects.toThrow(
        /the engine accepted but did not keep healthcheck \(healthcheck: \{test CMD \(not shown\), interval 30s, timeout 30s, retries 3, startPeriod 0s\} -> \{.*startInterval 2s\}/,
      );
      const left = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [String(inputs.name)] }) });
      expect(left).toEqual([]);
    }
  });
});

describe("logging", () => {
  test("undeclared: the daemon's default (json-file here), and declaring it is no change", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE });
    const { id, outs } = await provider.create(inputs);
    expect((await docker.getContainer(id).inspect()).HostConfig.LogConfig).toEqual({ Type: "json-file", Config: {} });
    expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
    expect((await provider.diff(id, outs, await nextInputs(inputs, { logDriver: "json-file", logOptions: {} }))).changes).toBe(false);
    expect((await provider.diff(id, outs, await nextInputs(inputs, { logDriver: "local" }))).replaces).toEqual(["logDriver"]);
    expect((await provider.diff(id, outs, await nextInputs(inputs, { logOptions: { "max-size": "1m" } }))).replaces).toEqual(["logOptions"]);
    await provider.delete(id, outs);
  });

  test("driver and options: held as strings, other forms no change, changes replace", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, logDriver: "local", logOptions: { "max-size": "1m", "max-file": 2, compress: false } });
    const { id, outs } = await provider.create(inputs);
    expect((await docker.getContainer(id).inspect()).HostConfig.LogConfig).toEqual({
      Type: "local",
      Config: { compress: "false", "max-file": "2", "max-size": "1m" },
    });
    const same = await nextInputs(inputs, { logOptions: ["max-file=2", "compress=false", "max-size=1m"] });
    expect((await provider.diff(id, outs, same)).changes).toBe(false);
    for (const [key, value] of Object.entries({
      logDriver: "json-file",
      logOptions: { "max-size": "2m", "max-file": "2", compress: "false" },
    })) {
      const d = await provider.diff(id, outs, await nextInputs(inputs, { [key]: value }));
      expect([key, d.replaces]).toEqual([key, [key]]);
    }
    const added = await nextInputs(inputs, { logOptions: { "max-size": "1m", "max-file": "2", compress: "false", mode: "non-blocking" } });
    expect((await provider.diff(id, outs, added)).replaces).toEqual(["logOptions"]);
    // The driver is not the daemon's default (json-file, from GET /info), so the daemon added no options of its
    // own: every option the container holds is compared, and dropping a declared one is a change.
    const fewer = await nextInputs(inputs, { logOptions: { "max-size": "1m" } });
    expect((await provider.diff(id, outs, fewer)).replaces).toEqual(["logOptions"]);
    // Undeclared, the driver is compared with the daemon's default (GET /info): going back to it is a change.
    const { logDriver: _driver, logOptions: _options, ...undeclared } = inputs;
    expect((await provider.diff(id, outs, await nextInputs(undeclared, {}))).replaces).toEqual(["logDriver"]);

    const refreshed = await expectRoundTrip(id, outs);
    expect(refreshed).toMatchObject({ logDriver: "local", logOptions: { compress: "false", "max-file": "2", "max-size": "1m" } });
    await provider.delete(id, outs);
  });

  test("none: no logs kept", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, logDriver: "none" });
    const { id, outs } = await provider.create(inputs);
    expect((await docker.getContainer(id).inspect()).HostConfig.LogConfig).toEqual({ Type: "none", Config: {} });
    await expect(docker.getContainer(id).logs({ stdout: true, stderr: true })).rejects.toThrow(/does not support reading/);
    expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
    await provider.delete(id, outs);
  });

  test("the engine's refusals at create: unknown driver, unknown option", async () => {
    // An unknown driver is looked up as a plugin first: the engine answers only after about 15 s (measured 15.1 s).
    await expect(provider.create(await checkedInputs({ image: BASE_IMAGE, logDriver: "bogus" }))).rejects.toThrow(
      'error looking up logging plugin bogus: plugin "bogus" not found',
    );
    await expect(provider.create(await checkedInputs({ image: BASE_IMAGE, logDriver: "json-file", logOptions: { bogus: "1" } }))).rejects.toThrow(
      "unknown log opt 'bogus' for json-file log driver",
    );
  });

  test("json-file option values the engine would only refuse at start fail at check", async () => {
    // Measured: create accepts {"max-size": "lots"}, start fails "failed to initialize logging driver: invalid size: 'lots'".
    const { failures } = await provider.check({}, { image: BASE_IMAGE, logOptions: { "max-size": "lots" } });
    expect(failures).toEqual([{ property: "logOptions.max-size", reason: `'lots' is not a size; expected e.g. "10m", "1g" or "512k"` }]);
  });
});

describe("platform", () => {
  test("the image's platform in any spelling is no change; another one is refused before the engine would", async () => {
    const image = await docker.getImage(BASE_IMAGE).inspect();
    const own = `${image.Os}/${image.Architecture}`;
    const other = image.Architecture === "arm64" ? "linux/amd64" : "linux/arm64";
    const inputs = await checkedInputs({ image: BASE_IMAGE, platform: own.toUpperCase() });
    const { id, outs } = await provider.create(inputs);
    expect((await docker.getContainer(id).inspect()).Platform).toBe(image.Os);
    expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
    // Removing the declaration changes nothing the container runs.
    expect((await provider.diff(id, outs, await nextInputs(inputs, { platform: undefined }))).changes).toBe(false);
    // Refresh keeps the program's spelling while it still means the image's platform.
    await expectRoundTrip(id, outs);
    expect((await provider.read(id, outs)).inputs!.platform).toBe(own.toUpperCase());

    const message = `platform "${other}" does not match image "${BASE_IMAGE}", which is ${own} on this engine`;
    await expect(provider.diff(id, outs, await nextInputs(inputs, { platform: other }))).rejects.toThrow(message);
    await expect(provider.create(await checkedInputs({ image: BASE_IMAGE, platform: other }))).rejects.toThrow(message);
    await provider.delete(id, outs);
  });

  test("the engine itself refuses a platform the local image does not match (API 1.41: no pull)", async () => {
    const image = await docker.getImage(BASE_IMAGE).inspect();
    const other = image.Architecture === "arm64" ? "linux/amd64" : "linux/arm64";
    await expect(
      docker.createContainer({ _query: { platform: other }, _body: { Image: BASE_IMAGE, Labels: testLabels() } } as never),
    ).rejects.toThrow(
      `image with reference ${BASE_IMAGE} was found but does not match the specified platform: wanted ${other}, actual: ${image.Os}/${image.Architecture}`,
    );
  });
});
