import { check } from "../../provider/container/check";
import { UNKNOWN } from "../../provider/unknown";

const base = { image: "busybox:1", __resourceName: "web" };

function failuresOf(news: Record<string, unknown>) {
  return check({}, { ...base, ...news }).failures;
}

describe("check", () => {
  test("valid inputs have no failures and keep their values", () => {
    const news = { ...base, name: "web", command: "sleep 1", env: ["A=1"], labels: { a: "b" }, ports: ["8080:80"] };
    const result = check({}, news);
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject(news);
  });

  test.each([
    [{ image: "" }, "image", /must not be empty/],
    [{ image: 7 }, "image", /image reference/],
    [{ name: "-bad" }, "name", /start with a letter or digit/],
    [{ name: "a" }, "name", /at least 2 characters/],
    [{ command: "a | b" }, "command", /operator/],
    [{ command: [1] }, "command", /list of strings/],
    [{ entrypoint: {} }, "entrypoint", /list of strings/],
    [{ env: ["NOVALUE"] }, "env[0]", /map of strings|KEY=value/],
    [{ env: { "": "x" } }, 'env[""]', /must not be empty/],
    [{ labels: "a=b" }, "labels", /map of strings/],
    [{ ports: ["99999"] }, "ports[0]", /outside 1-65535/],
    [{ ports: [{ container: 80, hostIp: "localhost" }] }, "ports[0]", /invalid IP address: 'localhost'/],
    [{ ports: "80" }, "ports", /list of port mappings/],
    [{ state: "sleeping" }, "state", /"running", "stopped" or "paused"/],
    [{ memroy: "1g" }, "memroy", /not a container option/],
    [{ memory: "lots" }, "memory", /not a size/],
    [{ memory: "1m" }, "memory", /minimum memory limit is 6m/],
    [{ memorySwap: "1g" }, "memorySwap", /needs memory/],
    [{ memory: "1g", memorySwap: "512m" }, "memorySwap", /cannot be below memory/],
    [{ memory: "64m", memoryReservation: "128m" }, "memoryReservation", /must not be above memory/],
    [{ cpus: 0 }, "cpus", /more than 0/],
    [{ cpus: 1, cpuQuota: 50000 }, "cpus", /cannot be combined/],
    [{ cpuShares: 1 }, "cpuShares", /at least 2/],
    [{ cpuPeriod: 10 }, "cpuPeriod", /at least 1000/],
    [{ cpuQuota: 10 }, "cpuQuota", /at least 1000/],
    [{ cpusetCpus: "0;1" }, "cpusetCpus", /"0-2"/],
    [{ cpusetMems: "a" }, "cpusetMems", /"0-2"/],
    [{ pidsLimit: 0 }, "pidsLimit", /positive/],
    [{ memoryReservation: "x" }, "memoryReservation", /not a size/],
    [{ restart: "always:2" }, "restart", /only allowed with on-failure/],
    [{ workingDir: "app" }, "workingDir", /absolute path/],
    [{ user: "a:b:c" }, "user", /user:group/],
    [{ hostname: "-bad-" }, "hostname", /host name/],
    [{ domainname: "a..b" }, "domainname", /domain name/],
    [{ tty: "yes" }, "tty", /true or false/],
    [{ stdinOpen: 1 }, "stdinOpen", /true or false/],
    [{ init: "true" }, "init", /true or false/],
    [{ groupAdd: "wheel" }, "groupAdd", /list of group/],
    [{ stopSignal: "SIGNOPE" }, "stopSignal", /not a signal/],
    [{ stopSignal: 999 }, "stopSignal", /not a signal number/],
    [{ stopTimeout: -5 }, "stopTimeout", /seconds to wait/],
    [{ privileged: "yes" }, "privileged", /true or false/],
    [{ readOnly: 0 }, "readOnly", /true or false/],
    [{ capAdd: ["NET ADMIN"] }, "capAdd[0]", /capability name/],
    [{ capDrop: "ALL" }, "capDrop", /list of capability/],
  ])("%j fails on %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].property).toBe(property);
    expect(failures[0].reason).toMatch(reason);
  });

  test("a missing image is a failure", () => {
    expect(check({}, { __resourceName: "web" }).failures).toEqual([{ property: "image", reason: expect.stringMatching(/required/) }]);
  });

  test("values not known yet pass through untouched", () => {
    const news = { ...base, image: UNKNOWN, env: { A: UNKNOWN }, ports: [UNKNOWN], name: UNKNOWN };
    const result = check({}, news);
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ image: UNKNOWN, env: { A: UNKNOWN }, ports: [UNKNOWN], name: UNKNOWN });
  });

  test("an unnamed container gets the resource name plus a suffix, kept on later runs", () => {
    const first = check({}, { ...base }).inputs;
    expect(first.__autoname).toMatch(/^web-[a-z0-9]{7}$/);
    expect(first.name).toBeUndefined();
    expect(check(first, { ...base }).inputs.__autoname).toBe(first.__autoname);
    // Giving a name explicitly drops the generated one.
    const named = check(first, { ...base, name: "mine" }).inputs;
    expect(named).toMatchObject({ name: "mine" });
    expect(named.__autoname).toBeUndefined();
    // And removing it again generates a new one.
    expect(check(named, { ...base }).inputs.__autoname).toMatch(/^web-/);
  });

  test("resource names that are not valid container names are made valid", () => {
    expect(check({}, { image: "x", __resourceName: "my web/app" }).inputs.__autoname).toMatch(/^my-web-app-[a-z0-9]{7}$/);
  });
});

describe("rules across options with values not known yet", () => {
  test("a rule that reads an unknown value is left for up; others still run", () => {
    expect(failuresOf({ adopt: true, name: UNKNOWN })).toEqual([]);
    expect(failuresOf({ memory: UNKNOWN, memorySwap: "1g" })).toEqual([]);
    expect(failuresOf({ env: UNKNOWN, memorySwap: "1g" })).toEqual([{ property: "memorySwap", reason: expect.stringMatching(/needs memory/) }]);
    expect(failuresOf({ adopt: true })).toEqual([{ property: "adopt", reason: expect.stringMatching(/set name too/) }]);
  });
});
