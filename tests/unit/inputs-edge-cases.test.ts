// Issue 14 (part A): inputs a new user, a reviewer and a fuzzer found accepted, slow, silently dropped or answered in
// zod's words. Each block fails without its fix; what the engine does with them is in tests/integration/inputs.test.ts.
import { isDeepStrictEqual } from "util";
import { check } from "../../provider/container/check";
import { createBody } from "../../provider/container/reconcile/create-stopped";
import type { Context } from "../../provider/container/options/spec";
import { OPTIONS } from "../../provider/container/options";
import { parsePort } from "../../provider/container/forms/ports";

const base = { image: "busybox:1", __resourceName: "web" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;
const ctxOf = (desired: Record<string, unknown> = {}): Context => ({
  imageRef: "busybox:1",
  image: { id: "sha256:x", config: {} },
  desired,
  containerIds: {},
  daemon: {},
});
const option = (key: string) => OPTIONS.find((o) => o.key === key)!;
/** The create body for checked inputs, as create builds it. */
function bodyOf(news: Record<string, unknown>) {
  expect(failuresOf(news)).toEqual([]);
  const ctx = ctxOf();
  for (const [key, value] of Object.entries(news)) ctx.desired[key] = option(key).normalize(value, ctx);
  return createBody(ctx);
}
/** JSON as a program's inputs arrive: an own `__proto__` key is a key like any other. */
const json = (text: string) => JSON.parse(text);

describe("1. a port's host address is an IP address, as the Docker CLI requires, and nothing is published wider", () => {
  test.each([
    ["80:80:80", "'80'"],
    ["localhost:18997:80", "'localhost'"],
    ["999.1.1.1:8080:80", "'999.1.1.1'"],
    ["abc:8080:80", "'abc'"],
    ["127.000.0.1:8080:80", "'127.000.0.1'"],
    ["[fe80::1%eth0]:8080:80", "'[fe80::1%eth0]'"],
    ["[::1:8080:80", "'[::1'"],
  ])("%s is an invalid IP address at preview", (port, shown) => {
    expect(failuresOf({ ports: [port] })).toEqual([{ property: "ports[0]", reason: expect.stringContaining(`invalid IP address: ${shown}`) }]);
  });

  test("the object form takes the same addresses", () => {
    expect(failuresOf({ ports: [{ container: 80, hostIp: "localhost" }] })).toEqual([
      { property: "ports[0]", reason: expect.stringContaining("invalid IP address: 'localhost'") },
    ]);
    expect(parsePort({ container: 80, hostIp: "[::1]" })).toEqual(parsePort("[::1]::80"));
  });

  test("IPv4, IPv6 in brackets (or not, as the CLI splits), canonical; 0.0.0.0 stays IPv4 only", () => {
    expect(parsePort("[::1]:8080:80")).toEqual([{ container: 80, protocol: "tcp", hostIp: "::1", host: 8080 }]);
    expect(parsePort("::1:8080:80")).toEqual(parsePort("[::1]:8080:80"));
    expect(parsePort("[0:0:0:0:0:0:0:1]:8080:80")).toEqual(parsePort("[::1]:8080:80"));
    expect(parsePort("[FD00::A]::80/udp")).toEqual([{ container: 80, protocol: "udp", hostIp: "fd00::a", host: 0 }]);
    expect(parsePort("0.0.0.0:8080:80")[0].hostIp).toBe("0.0.0.0");
    expect(parsePort("8080:80")[0].hostIp).toBe("");
  });

  test("the engine is sent the address asked for: 0.0.0.0 is not every address of both families", () => {
    expect(bodyOf({ ports: ["0.0.0.0:8080:80", "[::1]:8081:80", "8082:80"] }).HostConfig.PortBindings).toEqual({
      "80/tcp": [
        { HostIp: "", HostPort: "8082" },
        { HostIp: "0.0.0.0", HostPort: "8080" },
        { HostIp: "::1", HostPort: "8081" },
      ],
    });
  });

  test("a binding read back from the engine compares as written (0.0.0.0 is not read as every address)", () => {
    const info = { HostConfig: { PortBindings: { "80/tcp": [{ HostIp: "0.0.0.0", HostPort: "8080" }, { HostIp: "0:0::1", HostPort: "8081" }] } } };
    expect(option("ports").read(info as never, ctxOf())).toEqual(option("ports").normalize(["0.0.0.0:8080:80", "[::1]:8081:80"], ctxOf()));
  });
});

describe("2. a host port published twice is refused at preview (the container could never start)", () => {
  test.each<[unknown[], string, RegExp]>([
    [["18996:80", "18996:80"], "ports[1]", /host port 18996\/tcp on every address is already published by ports\[0\]/],
    [["18996:80", "18996:81"], "ports[1]", /18996\/tcp .* by ports\[0\]/],
    [["127.0.0.1:8080:80", "8080:81"], "ports[1]", /8080\/tcp on every address is already published by ports\[0\] \(on 127\.0\.0\.1\)/],
    [["0.0.0.0:8080:80", "127.0.0.1:8080:81"], "ports[1]", /by ports\[0\]/],
    [["[::1]:8080:80", "8080:81"], "ports[1]", /by ports\[0\]/],
    [["8000-8010:80-90", "8005:100"], "ports[1]", /host port 8005\/tcp .* by ports\[0\]/],
    [["8005:100", "8000-8010:80-90"], "ports[1]", /host port 8005\/tcp .* by ports\[0\]/],
    [[{ container: 80, host: 9000 }, "9000:81"], "ports[1]", /9000\/tcp/],
    [["53:53/udp", "53:54/UDP"], "ports[1]", /53\/udp/],
  ])("%j fails on %s", (ports, property, reason) => {
    expect(failuresOf({ ports })).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });

  test.each<[unknown[]]>([
    [["8080:80/tcp", "8080:80/udp"]],
    [["127.0.0.1:8080:80", "127.0.0.2:8080:81"]],
    [["[::]:8080:80", "0.0.0.0:8080:81"]],
    [["[::1]:8080:80", "127.0.0.1:8080:81"]],
    [["80", "80", "127.0.0.1::80"]],
    [["8000-8004:80-84", "8005-8009:85-89"]],
  ])("%j: distinct host ports, accepted", (ports) => {
    expect(failuresOf({ ports })).toEqual([]);
  });

  test("one host port for a range of container ports is refused, as by the CLI", () => {
    expect(failuresOf({ ports: ["8080:80-81"] })).toEqual([
      { property: "ports[0]", reason: expect.stringMatching(/maps 1 host port onto 2 container ports/) },
    ]);
  });
});

describe("3. ranges are never expanded at preview: no input makes check slow", () => {
  /** The best of three runs after a warm-up: a garbage collection or a busy machine is not the input's cost. */
  const timed = (news: Record<string, unknown>) => {
    check({}, { ...base, ...news });
    let ms = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      check({}, { ...base, ...news });
      ms = Math.min(ms, performance.now() - started);
    }
    return { ms };
  };

  test.each<[string, Record<string, unknown>]>([
    ["100 x 1-65535", { ports: Array(100).fill("1-65535") }],
    ["100 x 1-65535:1-65535", { ports: Array(100).fill("1-65535:1-65535") }],
    ["100 x exposed 1-65535", { exposedPorts: Array(100).fill("1-65535") }],
    // Duplicate host ports are found by sorting, not by comparing every pair.
    ["1000 distinct fixed ports", { ports: Array.from({ length: 1000 }, (_, i) => `127.0.0.1:${i + 1}:80`) }],
    ["1000 addresses on one port", { ports: Array.from({ length: 1000 }, (_, i) => `10.0.${i >> 8}.${i & 255}:8080:80`) }],
    ["1000 wide ranges on distinct addresses", { ports: Array.from({ length: 1000 }, (_, i) => `10.1.${i >> 8}.${i & 255}:1-60:1-60`) }],
  ])("%s: under 100 ms", (_what, news) => {
    expect(timed(news).ms).toBeLessThan(100);
  });

  test("more published ports than a host has on one protocol are refused, as a whole", () => {
    expect(failuresOf({ ports: Array(2).fill("1-65535") })).toEqual([
      { property: "ports", reason: expect.stringMatching(/publishes 131070 tcp ports; a host has 65535 per protocol/) },
    ]);
    expect(failuresOf({ ports: ["1-65535", "1-65535/udp"] })).toEqual([]);
  });

  test("exposed ranges repeated are one set of ports, expanded once", () => {
    const started = performance.now();
    const keys = option("exposedPorts").normalize(Array(100).fill("1-65535"), ctxOf()) as string[];
    expect(keys).toHaveLength(65535);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("4. exposedPorts are ports: refused at check, not at diff or create", () => {
  test.each<[unknown, RegExp]>([
    ["99999", /port 99999 is outside 1-65535/],
    ["65536/udp", /port 65536 is outside 1-65535/],
    ["80-70", /port range '80-70' ends before it starts/],
    ["0", /port 0 is outside 1-65535/],
    [0, /port 0 is outside 1-65535/],
    [70000, /port 70000 is outside 1-65535/],
    ["80/quic", /protocol 'quic'; expected "80", "80\/udp"/],
    ["127.0.0.1:80", /has a host part/],
    ["", /is not a port number/],
  ])("%j", (value, reason) => {
    expect(failuresOf({ exposedPorts: [value] })).toEqual([{ property: "exposedPorts[0]", reason: expect.stringMatching(reason) }]);
  });

  test("valid forms normalize (and would have before reaching the engine)", () => {
    expect(option("exposedPorts").normalize([80, "53/UDP", "8000-8001", "8001"], ctxOf())).toEqual(["53/udp", "80/tcp", "8000/tcp", "8001/tcp"]);
  });
});

describe("7. shmSize: undeclared, the daemon's default (default-shm-size) is not compared", () => {
  test("no value is expected when it is not declared; a declared one still is", () => {
    expect(option("shmSize").whenUndeclared).toBeUndefined();
    expect(option("shmSize").normalize("128m", ctxOf())).toBe(128 * 1024 * 1024);
  });
});

describe("8. numbers the engine cannot hold are refused; a tiny limit never becomes no limit", () => {
  test.each<[Record<string, unknown>, string, RegExp]>([
    [{ cpus: 1e-12 }, "cpus", /at least 0\.01/],
    [{ cpus: 0.001 }, "cpus", /at least 0\.01/],
    [{ cpus: 0.0100000001 }, "cpus", /too precise: at most 9 decimal places/],
    [{ cpus: 9.2e18 }, "cpus", /at most 9007199/],
    [{ memory: "99999999999999999999t" }, "memory", /too large: sizes go up to 9007199254740991 bytes/],
    [{ memory: 1e20 }, "memory", /at most 9007199254740991/],
    [{ memoryReservation: "0.4b" }, "memoryReservation", /less than one byte/],
    [{ shmSize: "0.4" }, "shmSize", /less than one byte/],
    [{ deviceReadIops: ["/dev/sda:100000000000000000000"] }, "deviceReadIops[0]", /too large/],
    [{ deviceReadIops: [{ path: "/dev/sda", rate: 1e20 }] }, "deviceReadIops[0]", /too large/],
    [{ deviceReadBps: [{ path: "/dev/sda", rate: 1e300 }] }, "deviceReadBps[0]", /whole number of bytes from 0 to 9007199254740991/],
    [{ deviceWriteBps: ["/dev/sda:99999999999999t"] }, "deviceWriteBps[0]", /too large/],
    [{ cpuQuota: 1e20 }, "cpuQuota", /at most 9007199254740991/],
    [{ pidsLimit: 2 ** 53 }, "pidsLimit", /at most 9007199254740991/],
    [{ stopTimeout: 1e300 }, "stopTimeout", /at most 9007199254740991/],
    [{ cpuRtRuntime: 1e19 }, "cpuRtRuntime", /at most 9007199254740991/],
    [{ tmpfs: ["/run:size=99999999999999999999t"] }, "tmpfs[0]", /too large/],
    [{ tmpfs: ["/run:uid=99999999999"] }, "tmpfs[0]", /not a numeric user id/],
    [{ mounts: [{ type: "tmpfs", target: "/x", tmpfsOptions: { size: 1e20 } }] }, "mounts[0].tmpfsOptions.size", /at most 9007199254740991/],
    [{ gpus: "0" }, "gpus", /a GPU count is a whole number of 1 or more/],
    [{ gpus: "count=0" }, "gpus", /a GPU count is a whole number of 1 or more/],
    [{ gpus: "99999999999999999999" }, "gpus", /a GPU count/],
    [{ ulimits: ["nofile=99999999999999999999"] }, "ulimits[0]", /whole numbers/],
  ])("%j fails on %s", (news, property, reason) => {
    expect(failuresOf(news)).toEqual(expect.arrayContaining([{ property, reason: expect.stringMatching(reason) }]));
  });

  test("the smallest and largest accepted values reach the create body exactly", () => {
    const body = bodyOf({ cpus: 0.01, memory: Number.MAX_SAFE_INTEGER, deviceReadIops: ["/dev/sda:9007199254740991"] });
    expect(body.HostConfig.NanoCpus).toBe(10_000_000);
    expect(body.HostConfig.Memory).toBe(Number.MAX_SAFE_INTEGER);
    expect(body.HostConfig.BlkioDeviceReadIOps).toEqual([{ Path: "/dev/sda", Rate: Number.MAX_SAFE_INTEGER }]);
    expect(bodyOf({ cpus: 1.5 }).HostConfig.NanoCpus).toBe(1_500_000_000);
    expect(bodyOf({ cpus: 0.3 }).HostConfig.NanoCpus).toBe(300_000_000);
  });
});

describe("13. user keys are keys: no prototype lookups, no silent drops", () => {
  test("env and labels keep a __proto__ entry, and send it", () => {
    const env = option("env").normalize(["__proto__=x", "A=1"], ctxOf());
    expect(Object.entries(env)).toEqual([["A", "1"], ["__proto__", "x"]]);
    expect(bodyOf({ env: ["__proto__=x", "A=1"] }).Env).toEqual(["A=1", "__proto__=x"]);
    const labels = bodyOf({ labels: json('{"__proto__": "x", "constructor": "y"}') }).Labels!;
    expect(Object.entries(labels)).toEqual([["__proto__", "x"], ["constructor", "y"]]);
    expect(JSON.stringify(labels)).toBe('{"__proto__":"x","constructor":"y"}');
    expect(Object.entries(option("logOptions").normalize(["__proto__=1", "max-size=1m"], ctxOf()))).toEqual([["__proto__", "1"], ["max-size", "1m"]]);
    expect(Object.entries(option("storageOpt").normalize(json('{"__proto__": "1"}'), ctxOf()))).toEqual([["__proto__", "1"]]);
  });

  test("a __proto__ key's value is checked like any other (zod's records skip it)", () => {
    expect(failuresOf({ env: json('{"__proto__": {"x": 1}}') })).toEqual([{ property: "env.__proto__", reason: "expected a string, a number or a boolean" }]);
    expect(failuresOf({ storageOpt: json('{"__proto__": []}') })).toEqual([{ property: "storageOpt.__proto__", reason: "expected a string or a number" }]);
    expect(failuresOf({ logOptions: json('{"__proto__": null}') })).toEqual([{ property: "logOptions.__proto__", reason: expect.stringMatching(/expected a string/) }]);
    expect(failuresOf({ tmpfs: json('{"/run": 5, "__proto__": "size=1m"}') })).toEqual([
      { property: 'tmpfs["/run"]', reason: expect.stringMatching(/expected the mount options as a string/) },
    ]);
    expect(failuresOf({ tmpfs: json('{"__proto__": "size=1m"}') })).toEqual([{ property: "tmpfs.__proto__", reason: expect.stringMatching(/tmpfs path '__proto__' must be absolute/) }]);
    expect(failuresOf({ mounts: [json('{"type": "volume", "target": "/v", "volumeOptions": {"labels": {"__proto__": 1}}}')] })).toEqual([
      { property: "mounts[0].volumeOptions.labels.__proto__", reason: "expected a string" },
    ]);
    expect(failuresOf({ extraHosts: json('{"__proto__": "not-an-ip"}') })).toEqual([{ property: "extraHosts.__proto__", reason: expect.stringMatching(/an IP address/) }]);
  });

  test("sysctls: a __proto__ or constructor key is checked, never skipped", () => {
    expect(failuresOf({ sysctls: ["__proto__=1"] })).toEqual([{ property: "sysctls[0]", reason: expect.stringMatching(/'__proto__' is not a kernel parameter name/) }]);
    expect(failuresOf({ sysctls: json('{"__proto__": "1"}') })).toEqual([
      { property: "sysctls.__proto__", reason: expect.stringMatching(/'__proto__' is not a kernel parameter name/) },
    ]);
    expect(failuresOf({ sysctls: { constructor: "1" } })).toEqual([{ property: "sysctls.constructor", reason: expect.stringMatching(/not a kernel parameter name/) }]);
  });

  test.each<[Record<string, unknown>, string, RegExp]>([
    [{ gpus: "__proto__=1" }, "gpus", /unknown GPU request field '__proto__'; expected count, device, capabilities or driver/],
    [{ gpus: "toString=1" }, "gpus", /unknown GPU request field 'toString'/],
    [{ tmpfs: ["/run:__proto__=1"] }, "tmpfs[0]", /'__proto__=1' is not a tmpfs option; expected size=/],
    [{ tmpfs: ["/run:toString=64m"] }, "tmpfs[0]", /'toString=64m' is not a tmpfs option/],
    [{ tmpfs: { "/run": "constructor=1" } }, 'tmpfs["/run"]', /'constructor=1' is not a tmpfs option/],
  ])("%j: a clear failure, not an internal error", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    expect(failures[0].reason).not.toMatch(/is not a function|\[object Object\]/);
  });

  test("a container named like an Object method is looked up as a name", () => {
    expect(option("networkMode").normalize("container:constructor", ctxOf())).toBe("container:constructor");
  });

  test("canonical maps compare equal to what the engine reads back (no perpetual diff)", () => {
    const info = {
      Config: { Env: [], Labels: null },
      HostConfig: { Sysctls: null, Tmpfs: null, StorageOpt: null, LogConfig: { Type: "json-file", Config: {} } },
    };
    const ctx = { ...ctxOf({ logDriver: "json-file" }), daemon: { loggingDriver: "local" } };
    for (const key of ["env", "labels", "sysctls", "tmpfs", "storageOpt", "logOptions"]) {
      const spec = option(key);
      expect([key, isDeepStrictEqual(spec.whenUndeclared!(ctx), spec.read(info as never, ctx))]).toEqual([key, true]);
      expect([key, isDeepStrictEqual(spec.normalize([], ctx), spec.read(info as never, ctx))]).toEqual([key, true]);
    }
  });
});

describe("15. failures name the property, say what is accepted, quote a short excerpt; every rule runs", () => {
  const ZOD_DEFAULTS = /^(Invalid input|Too small|Too big|Unrecognized key|Invalid option|Invalid key|Invalid element|Invalid string|Invalid)/;

  test.each<[Record<string, unknown>, string, RegExp]>([
    [{ memory: -1 }, "memory", /a size is 0 or more bytes/],
    [{ cpuQuota: "x" }, "cpuQuota", /expected microseconds, at least 1000/],
    [{ stopTimeout: "a" }, "stopTimeout", /expected seconds to wait, or -1 to wait forever/],
    [{ networks: [{ name: "a", aliases: "x" }] }, "networks[0].aliases", /expected a list of aliases/],
    [{ networks: [{ name: "a", links: [5] }] }, "networks[0].links[0]", /expected a string, got the number 5/],
    [{ ports: [{ container: 80, extra: 1 }] }, "ports[0]", /unknown field 'extra'; expected container, host, hostIp, protocol/],
    [{ mounts: [{ type: "tmpfs" }] }, "mounts[0].target", /expected the path inside the container/],
    [{ healthcheck: { retries: 1.5 } }, "healthcheck.retries", /whole number/],
    [{ groupAdd: [""] }, "groupAdd[0]", /must not be empty/],
    [{ networks: [{ name: "a", aliases: [""] }] }, "networks[0].aliases[0]", /must not be empty/],
    [{ ulimits: [{ name: "nofile", soft: "1" }] }, "ulimits[0]", /name=soft/],
    [{ deleteTimeout: 1.5 }, "deleteTimeout", /whole seconds/],
    [{ deleteTimeout: 1e20 }, "deleteTimeout", /at most 9007199254740991/],
    [{ capAdd: [5] }, "capAdd[0]", /expected a string, got the number 5/],
  ])("%j: %s in check's words", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures).toEqual(expect.arrayContaining([{ property, reason: expect.stringMatching(reason) }]));
    for (const f of failures) expect(f.reason).not.toMatch(ZOD_DEFAULTS);
  });

  test("multi-megabyte values are quoted as a short excerpt", () => {
    const huge = "x".repeat(2_000_000);
    const failures = failuresOf({ ports: [huge], memory: huge, exposedPorts: [huge], tmpfs: [`/run:${huge}`], gpus: huge, sysctls: [`${huge}=1`], [huge]: 1 });
    expect(failures.map((f) => f.property.length > 100 ? "(the unknown key)" : f.property)).toEqual(
      expect.arrayContaining(["(the unknown key)", "ports[0]", "memory", "exposedPorts[0]", "tmpfs[0]", "gpus", "sysctls[0]"]),
    );
    for (const f of failures) {
      expect(f.reason.length).toBeLessThan(400);
      expect(f.reason).toContain("x".repeat(40) + "…");
    }
  });

  test("control characters are escaped in quotes", () => {
    // (The NUL character also gets a failure of its own: tests/unit/input-robustness.test.ts.)
    expect(failuresOf({ ports: ["a\u0000b\nc"] })).toContainEqual({ property: "ports[0]", reason: expect.stringContaining("'a\\u0000b\\nc'") });
  });

  test("a failing option does not hide rules across other options", () => {
    expect(failuresOf({ memory: "lots", networkMode: "host", networks: ["a"] })).toEqual([
      { property: "memory", reason: expect.stringMatching(/'lots' is not a size/) },
      { property: "networks", reason: 'networks cannot be combined with networkMode "host"' },
    ]);
    expect(failuresOf({ memory: "lots", cpus: 1, cpuQuota: 50000 })).toEqual([
      { property: "memory", reason: expect.stringMatching(/not a size/) },
      { property: "cpus", reason: expect.stringMatching(/cannot be combined with cpuPeriod or cpuQuota/) },
    ]);
    const failures = failuresOf({ cpus: 0, ports: ["80"], networkMode: "none", autoRemove: true, restart: "always" });
    expect(failures).toHaveLength(3);
    expect(failures).toEqual(expect.arrayContaining([
      { property: "cpus", reason: expect.stringMatching(/more than 0/) },
      { property: "ports", reason: expect.stringMatching(/not published with networkMode "none"/) },
      { property: "restart", reason: expect.stringMatching(/autoRemove container cannot have a restart policy/) },
    ]));
  });

  test("a rule that reads an option which failed its own check adds nothing (no guesses from invalid values)", () => {
    expect(failuresOf({ memory: "lots", memorySwap: "1g" })).toEqual([{ property: "memory", reason: expect.stringMatching(/not a size/) }]);
    expect(failuresOf({ networkMode: 7, networks: ["a"] })).toEqual([{ property: "networkMode", reason: expect.stringMatching(/expected "bridge"/) }]);
  });
});
