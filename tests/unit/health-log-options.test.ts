import type Docker from "dockerode";
import { check } from "../../provider/container/check";
import { healthcheck } from "../../provider/container/options/healthcheck";
import { logDriver, logOptions, showLogOptions } from "../../provider/container/options/logging";
import type { Context, ImageFacts } from "../../provider/container/options/spec";
import { parsePlatform, platform, platformMatches } from "../../provider/container/options/platform";
import { explainDifference } from "../../provider/container/explain";

const base = { image: "busybox:1", __resourceName: "web" };

function failuresOf(news: Record<string, unknown>) {
  return check({}, { ...base, ...news }).failures;
}

const RICH_HC = { Test: ["CMD", "true"], Interval: 2e9, Timeout: 1e9, Retries: 2 };

function ctxFor(image: Partial<ImageFacts> = {}, desired: Record<string, unknown> = {}): Context {
  return { imageRef: "app:1", image: { id: "sha256:x", config: {}, ...image }, desired } as Context;
}

function inspected(fields: { Healthcheck?: unknown; LogConfig?: unknown }): Docker.ContainerInspectInfo {
  return { Config: { Healthcheck: fields.Healthcheck }, HostConfig: { LogConfig: fields.LogConfig } } as unknown as Docker.ContainerInspectInfo;
}

describe("check", () => {
  test("every accepted form passes", () => {
    for (const news of [
      { healthcheck: false },
      { healthcheck: { test: ["CMD", "curl", "-f", "http://localhost/"], interval: "30s", timeout: "1m30s", retries: 3, startPeriod: "500ms" } },
      { healthcheck: { test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] } },
      { healthcheck: { test: "curl -f http://localhost/ || exit 1", interval: 5e9 } },
      { healthcheck: { test: "NONE" } },
      { healthcheck: { test: ["NONE"] } },
      { healthcheck: { interval: "10s" } },
      { healthcheck: { test: ["CMD", "true"], startInterval: "2s" } },
      { logDriver: "local" },
      { logDriver: "grafana/loki-docker-driver:latest", logOptions: { "loki-url": "http://loki/" } },
      { logOptions: { "max-size": "10m", "max-file": 3, compress: true } },
      { logDriver: "json-file", logOptions: ["max-size=10m", "max-file=3"] },
      { logDriver: "syslog", logOptions: { "syslog-address": "udp://127.0.0.1:514" } },
      { platform: "linux/amd64" },
      { platform: "linux/arm64/v8" },
      { platform: "Linux/x86_64" },
    ]) {
      expect([news, failuresOf(news)]).toEqual([news, []]);
    }
  });

  test.each([
    [{ healthcheck: true }, "healthcheck", /or false to disable the image's healthcheck/],
    [{ healthcheck: "curl -f x" }, "healthcheck", /expected \{test, interval/],
    [{ healthcheck: { test: 5 } }, "healthcheck.test", /shell command string, "NONE", or a list/],
    [{ healthcheck: { test: "" } }, "healthcheck.test", /must not be empty/],
    [{ healthcheck: { test: ["curl", "-f", "x"] } }, "healthcheck.test", /starts with "CMD" .* "CMD-SHELL" .* \["NONE"\]/],
    [{ healthcheck: { test: ["CMD"] } }, "healthcheck.test", /"CMD" needs the program to run/],
    [{ healthcheck: { test: ["CMD-SHELL", "a", "b"] } }, "healthcheck.test", /exactly one shell command/],
    [{ healthcheck: { test: ["NONE", "x"] } }, "healthcheck.test", /takes no arguments/],
    [{ healthcheck: { interval: "30" } }, "healthcheck.interval", /'30' is not a duration/],
    [{ healthcheck: { interval: "500us" } }, "healthcheck.interval", /at least 1ms \(0 would keep the image's value/],
    [{ healthcheck: { timeout: 0 } }, "healthcheck.timeout", /at least 1ms/],
    [{ healthcheck: { startPeriod: "0s" } }, "healthcheck.startPeriod", /at least 1ms/],
    [{ healthcheck: { startInterval: true } }, "healthcheck.startInterval", /expected a duration/],
    [{ healthcheck: { retries: 0 } }, "healthcheck.retries", /at least 1/],
    [{ healthcheck: { retries: 1.5 } }, "healthcheck.retries", /whole number/],
    [{ healthcheck: { intervall: "5s" } }, "healthcheck", /intervall/],
    [{ logDriver: "" }, "logDriver", /logging driver name/],
    [{ logDriver: 5 }, "logDriver", /logging driver name/],
    [{ logOptions: "max-size=10m" }, "logOptions", /map of option names to values/],
    [{ logOptions: ["max-size"] }, "logOptions[0]", /name=value/],
    [{ logOptions: { "max-size": "lots" } }, "logOptions.max-size", /'lots' is not a size/],
    [{ logDriver: "local", logOptions: { "max-file": "0" } }, "logOptions.max-file", /whole number of 1 or more/],
    [{ logDriver: "json-file", logOptions: { compress: "maybe" } }, "logOptions.compress", /not true or false/],
    [{ platform: "linux" }, "platform", /expected os\/architecture\[\/variant\]/],
    [{ platform: "linux/amd64/v3/x" }, "platform", /expected os\/architecture/],
    [{ platform: "linx/amd64" }, "platform", /not an operating system/],
    [{ platform: "linux/amd46" }, "platform", /not an architecture/],
    [{ platform: 64 }, "platform", /"linux\/amd64"/],
  ])("%j fails at %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  test("option values of other drivers are left to the driver", () => {
    expect(failuresOf({ logDriver: "syslog", logOptions: { "max-size": "lots" } })).toEqual([]);
  });
});

describe("healthcheck", () => {
  const rich = ctxFor({ config: { Healthcheck: RICH_HC } });

  test("undeclared: the image's HEALTHCHECK with the engine's defaults for what it leaves out", () => {
    expect(healthcheck.whenUndeclared!(ctxFor({ config: { Healthcheck: { Test: ["CMD", "true"] } } }))).toEqual({
      test: ["CMD", "true"], interval: 30e9, timeout: 30e9, retries: 3, startPeriod: 0, startInterval: 0,
    });
    expect(healthcheck.whenUndeclared!(ctxFor())).toBeNull();
    expect(healthcheck.whenUndeclared!(ctxFor({ config: { Healthcheck: { Test: ["NONE"] } } }))).toBeNull();
  });

  test("declared fields are merged with the image's, as the engine does", () => {
    expect(healthcheck.normalize({ interval: "5s" }, rich)).toEqual({
      test: ["CMD", "true"], interval: 5e9, timeout: 1e9, retries: 2, startPeriod: 0, startInterval: 0,
    });
    expect(healthcheck.normalize({ test: "exit 0" }, rich)).toMatchObject({ test: ["CMD-SHELL", "exit 0"], interval: 2e9 });
  });

  test("false, \"NONE\" and an image without HEALTHCHECK all run no healthcheck", () => {
    expect(healthcheck.normalize(false, rich)).toBeNull();
    expect(healthcheck.normalize({ test: "NONE", interval: "3s" }, rich)).toBeNull();
    expect(healthcheck.normalize({ test: ["NONE"] }, rich)).toBeNull();
    expect(healthcheck.read(inspected({ Healthcheck: { Test: ["NONE"], Interval: 2e9 } }), rich)).toBeNull();
    expect(healthcheck.read(inspected({ Healthcheck: { Interval: 5e9 } }), rich)).toBeNull();
    expect(healthcheck.read(inspected({}), rich)).toBeNull();
  });

  test("timings without a test, on an image without HEALTHCHECK, are an error rather than a silent no-op", () => {
    expect(() => healthcheck.normalize({ interval: "5s" }, ctxFor())).toThrow(/declares no test and image "app:1" has no HEALTHCHECK/);
  });

  test("an explicit engine default is the same as leaving it out", () => {
    const declared = healthcheck.normalize({ test: ["CMD", "true"], interval: "30s", retries: 3 }, ctxFor());
    expect(declared).toEqual(healthcheck.read(inspected({ Healthcheck: { Test: ["CMD", "true"] } }), ctxFor()));
  });

  test("write sends every field, so the engine's merge cannot change it", () => {
    const body = { HostConfig: {} } as Parameters<typeof healthcheck.write>[0];
    healthcheck.write(body, healthcheck.normalize({ interval: "5s", startInterval: "1s" }, rich), rich);
    expect(body.Healthcheck).toEqual({ Test: ["CMD", "true"], Interval: 5e9, Timeout: 1e9, Retries: 2, StartPeriod: 0, StartInterval: 1e9 });
    const none = { HostConfig: {} } as Parameters<typeof healthcheck.write>[0];
    healthcheck.write(none, null, rich);
    expect(none.Healthcheck).toEqual({ Test: ["NONE"] });
  });

  test("toInput gives an input that normalizes back to the same value", () => {
    for (const value of [healthcheck.normalize({ test: "exit 0", startPeriod: "1m", startInterval: "2s" }, rich), null]) {
      const input = healthcheck.toInput!(value);
      expect(failuresOf({ healthcheck: input })).toEqual([]);
      expect(healthcheck.normalize(input, ctxFor())).toEqual(value);
    }
  });

  test("messages show the timings, never the test's command line", () => {
    const desired = healthcheck.normalize({ test: "curl -u admin:s3cret x", startInterval: "5s" }, rich);
    const text = explainDifference({ key: "healthcheck", mode: "replace", desired, actual: null });
    expect(text).toBe(
      "healthcheck: none -> {test CMD-SHELL (not shown), interval 2s, timeout 1s, retries 2, startPeriod 0s, startInterval 5s} (replace)",
    );
    expect(text).not.toMatch(/s3cret/);
  });
});

describe("logging", () => {
  test("the daemon's default driver is unknown to the Context: an undeclared driver and options are not compared", () => {
    expect(logDriver.whenUndeclared!(ctxFor())).toBeUndefined();
    expect(logOptions.whenUndeclared!(ctxFor({}, { logDriver: "local" }))).toBeUndefined();
  });

  test("with the daemon's default driver in the Context, it is the undeclared value", () => {
    const ctx = { ...ctxFor({}, { logDriver: "local" }), daemon: { loggingDriver: "json-file" } };
    expect(logDriver.whenUndeclared!(ctx)).toBe("json-file");
    // Another driver than the daemon's: the engine adds no options, so none declared means none.
    expect(logOptions.whenUndeclared!(ctx)).toEqual({});
    expect(logOptions.read(inspected({ LogConfig: { Type: "local", Config: { extra: "1" } } }), { ...ctx, desired: { logOptions: {} } })).toEqual({ extra: "1" });
  });

  test("options are strings, sorted; keys beyond the declared ones are the daemon's defaults", () => {
    const declared = logOptions.normalize({ "max-size": "10m", "max-file": 3 }, ctxFor());
    expect(declared).toEqual({ "max-file": "3", "max-size": "10m" });
    expect(logOptions.normalize(["max-size=10m", "max-file=3"], ctxFor())).toEqual(declared);
    const info = inspected({ LogConfig: { Type: "json-file", Config: { "max-size": "10m", "max-file": "3", compress: "true" } } });
    expect(logOptions.read(info, ctxFor({}, { logOptions: declared }))).toEqual(declared);
    // Refresh (nothing declared) reads every option the container holds.
    expect(logOptions.read(info, ctxFor())).toEqual({ compress: "true", "max-file": "3", "max-size": "10m" });
    expect(logOptions.read(inspected({ LogConfig: { Type: "none", Config: null } }), ctxFor())).toEqual({});
  });

  test("messages never show credentials given as options", () => {
    expect(showLogOptions({ "max-size": "10m", "splunk-token": "abc", "loki-url": "https://user:pw@loki.example/push", "syslog-address": "udp://1.2.3.4:514" })).toBe(
      '{"max-size":"10m","splunk-token":"(not shown)","loki-url":"https://(not shown)@loki.example/push","syslog-address":"udp://1.2.3.4:514"}',
    );
  });

  test("driver and options go into one LogConfig", () => {
    const body = { HostConfig: {} } as Parameters<typeof logDriver.write>[0];
    logDriver.write(body, "local", ctxFor());
    logOptions.write(body, { "max-size": "1m" }, ctxFor());
    expect(body.HostConfig.LogConfig).toEqual({ Type: "local", Config: { "max-size": "1m" } });
  });
});

describe("platform", () => {
  const amd64 = ctxFor({ os: "linux", architecture: "amd64" });

  test("aliases and baseline variants are one platform", () => {
    expect(platform.normalize("linux/x86_64", amd64)).toBe("linux/amd64");
    expect(platform.normalize("LINUX/AMD64/v1", amd64)).toBe("linux/amd64");
    const arm64 = ctxFor({ os: "linux", architecture: "arm64", variant: "v8" });
    expect(platform.normalize("linux/arm64/v8", arm64)).toBe("linux/arm64");
    expect(platform.normalize("linux/aarch64", arm64)).toBe("linux/arm64");
    expect(platform.read(inspected({}), arm64)).toBe("linux/arm64");
  });

  test("a newer variant runs an older image, not the other way round", () => {
    expect(platformMatches(parsePlatform("linux/amd64/v3"), parsePlatform("linux/amd64"))).toBe(true);
    expect(platformMatches(parsePlatform("linux/amd64"), parsePlatform("linux/amd64/v3"))).toBe(false);
    expect(platformMatches(parsePlatform("linux/arm/v7"), parsePlatform("linux/arm/v6"))).toBe(true);
    expect(platformMatches(parsePlatform("linux/arm/v6"), parsePlatform("linux/arm"))).toBe(false);
    expect(platform.equal!("linux/amd64/v2", "linux/amd64")).toBe(true);
  });

  test("a platform the local image does not match is an error naming both and the way out", () => {
    expect(() => platform.normalize("linux/arm64", amd64)).toThrow(
      'platform "linux/arm64" does not match image "app:1", which is linux/amd64 on this engine: ' +
        'pull the image for that platform (docker pull --platform linux/arm64 app:1), or declare platform "linux/amd64"',
    );
  });

  test("undeclared is not compared: the image decides", () => {
    expect(platform.whenUndeclared!(amd64)).toBeUndefined();
  });
});
