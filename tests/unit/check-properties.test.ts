// Property-based tests of `check` (fast-check): inputs generated for every container option and setting, in the
// forms users write, near-misses of them, and anything else a program could pass (JSON values, user keys such as
// __proto__, numbers beyond what the engine holds, megabyte strings). Whatever the input, check
//   - returns (never throws),
//   - answers within 100 ms,
//   - names, in every failure, a property that is in the input, in check's own words (no zod defaults, no internal
//     errors), with a reason of bounded length.
import fc from "fast-check";
import { check } from "../../provider/container/check";
import { MAX_REASON } from "../../provider/container/forms/messages";
import { OPTIONS } from "../../provider/container/options";
import { SETTINGS } from "../../provider/container/settings";

type Arb = fc.Arbitrary<unknown>;

const KEYS = [...OPTIONS, ...SETTINGS].map((o) => o.key);

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

const SPECIAL_NUMBERS = [0, -0, -1, 1, 2, 0.5, 1.5, 1e-12, 1e-9, 0.001, 0.01, 0.0100000001, 65535, 65536, 99999, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 2 ** 63, 9.2e18, 1e20, 1e300, -1e300];
const USER_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "", " ", "A", "a.b", "net.core.somaxconn", "max-size", "size", "/run", "x=y"];
const SPECIAL_STRINGS = ["", " ", "\u0000", "a\nb", "\t", "-", ":", "=", ",", "[", "]", "/", "*", "'", '"', "\\", "…", "🐳", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", ...USER_KEYS];

const number: Arb = fc.oneof(
  fc.constantFrom(...SPECIAL_NUMBERS),
  fc.integer({ min: -100000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A long string of one repeated piece: megabyte inputs are cheap to make this way. */
const huge: Arb = fc
  .tuple(fc.constantFrom("1", "x", ":", "-", "9", "/dev/sda:", "size=", "a=", "[", ",", "=", "BEGIN"), fc.integer({ min: 1000, max: 300000 }))
  .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)));

const text: Arb = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) });

/** A string made of the pieces of an option's syntax, shuffled with anything: near-misses of valid forms. */
const tokens = (pieces: string[]): Arb =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: text }), { maxLength: 8 })
    .map((parts) => (parts as string[]).join(""));

const userKey: Arb = fc.oneof(fc.constantFrom(...USER_KEYS), fc.string({ maxLength: 10 }));

/** An object with own keys as given, `__proto__` included (Object.fromEntries defines, never sets, a prototype). */
const mapOf = (key: Arb, value: Arb): Arb => fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => Object.fromEntries(pairs as [string, unknown][]));

const anything: Arb = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: mapOf(userKey, fc.jsonValue({ maxDepth: 1 })) },
  { weight: 1, arbitrary: number },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: huge },
);

/** Sometimes the form, sometimes a list of it, sometimes anything. */
const listOf = (item: Arb, max = 6): Arb => fc.array(item, { maxLength: max });
const either = (...forms: Arb[]): Arb => fc.oneof(...forms.map((arbitrary) => ({ weight: 4, arbitrary })), { weight: 1, arbitrary: anything });
const objectOf = (fields: Record<string, Arb>): Arb =>
  fc.record({ ...Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, fc.option(fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: anything }), { nil: undefined })])), extra: fc.option(anything, { nil: undefined, freq: 10 }) }).map(
    (o) => Object.fromEntries(Object.entries(o as Record<string, unknown>).filter(([, v]) => v !== undefined)),
  );

const keyValues = (keys: string[], values: Arb): Arb =>
  either(
    mapOf(fc.oneof(fc.constantFrom(...keys), userKey), values),
    // (Values that are not strings in their JSON form: "[object Object]" would look like an internal error.)
    listOf(fc.tuple(fc.oneof(fc.constantFrom(...keys), userKey), values).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`)),
    listOf(text),
  );

const SIZE = ["1", "0", "64", "512", "1.5", "0.4", ".", "b", "k", "m", "g", "t", "kb", "mb", " ", "99999999999999999999"];
const size: Arb = either(tokens(SIZE), number);
const whole: Arb = either(number, fc.integer());
const flag: Arb = either(fc.boolean());
const PORT = ["80", "8080", "1-65535", "0", "65536", "99999", "70", "-", ":", "/tcp", "/udp", "/sctp", "/quic", "127.0.0.1", "0.0.0.0", "[::1]", "::1", "[::]", "localhost", "999.1.1.1", "%eth0", "[", "]"];
const DEVICE = ["/dev/sda", "/dev/fuse", ":", "1mb", "1000", "200", "rwm", "r", "1e20", "99999999999999999999", "/tmp/x", "0"];
const NAME = ["web", "db", "a", "-", "_", ".", "/", "container:", "default", "bridge", "host", "none"];

// ---------------------------------------------------------------------------------------------------------------
// Every option and setting

const FORMS: Record<string, Arb> = {
  image: either(fc.constantFrom("busybox:1", "nginx:1.27", "registry:5000/team/app@sha256:" + "a".repeat(64))),
  name: either(tokens(NAME)),
  command: either(listOf(text), tokens(["sh", " ", "-c", "'", '"', "|", "&&", "$HOME", "*.txt", "#", ";"])),
  entrypoint: either(listOf(text), tokens(["sh", " ", "-c", "'", "|"])),
  env: keyValues(["A", "PATH", "__proto__"], text),
  labels: keyValues(["a", "com.example", "__proto__"], text),
  workingDir: either(tokens(["/", "app", "..", "/"])),
  user: either(tokens(["root", "1000", ":", "nobody", " "])),
  hostname: either(tokens(["web", ".", "-", "local"])),
  domainname: either(tokens(["example", ".", "-", "org"])),
  tty: flag,
  stdinOpen: flag,
  init: flag,
  groupAdd: either(listOf(tokens(["wheel", "1000", ""]))),
  stopSignal: either(tokens(["SIG", "TERM", "KILL", "15", "999"]), number),
  stopTimeout: whole,
  autoRemove: flag,
  ports: either(
    listOf(fc.oneof(tokens(PORT), number, objectOf({ container: number, host: number, hostIp: tokens(PORT), protocol: tokens(["tcp", "udp", "sctp", "TCP"]) }))),
    fc.constantFrom(Array(100).fill("1-65535"), Array(100).fill("1-65535:1-65535"), ["18996:80", "18996:80"], ["80:80:80"]),
  ),
  networkMode: either(tokens(NAME)),
  networks: either(listOf(fc.oneof(tokens(NAME), objectOf({ name: tokens(NAME), aliases: listOf(text, 3), ipv4Address: tokens(["10", ".", "0", "300"]), ipv6Address: tokens(["fd00", ":", "::1"]), links: listOf(tokens(NAME), 3) })))),
  dns: either(listOf(tokens(["1.1.1.1", "::1", ".", "dns.example"]))),
  dnsSearch: either(listOf(tokens(["example", ".", "com", " "]))),
  dnsOptions: either(listOf(tokens(["ndots", ":", "2", "timeout", " "]))),
  extraHosts: either(mapOf(fc.oneof(tokens(["db", ".", "local"]), userKey), tokens(["10.0.0.5", "host-gateway", "::1", "nowhere"])), listOf(tokens(["db", ":", "10.0.0.5", "host-gateway"]))),
  macAddress: either(tokens(["02", ":", "42", "AC", "zz"])),
  networkDisabled: flag,
  publishAllPorts: flag,
  exposedPorts: either(listOf(fc.oneof(tokens(PORT), number)), fc.constant(Array(100).fill("1-65535"))),
  memory: size,
  memorySwap: size,
  memoryReservation: size,
  cpus: either(number, fc.double({ min: 0, max: 64, noNaN: true })),
  cpuPeriod: whole,
  cpuQuota: whole,
  cpuShares: whole,
  cpusetCpus: either(tokens(["0", "1", "-", ",", ";"])),
  cpusetMems: either(tokens(["0", "1", "-", ","])),
  pidsLimit: whole,
  restart: either(tokens(["no", "always", "unless-stopped", "on-failure", ":", "3", "-1", "sometimes"]), objectOf({ name: tokens(["always", "on-failure"]), maximumRetryCount: number })),
  memorySwappiness: whole,
  cpuRtPeriod: whole,
  cpuRtRuntime: whole,
  blkioWeight: whole,
  blkioWeightDevice: either(tokens(DEVICE), listOf(fc.oneof(tokens(DEVICE), objectOf({ path: tokens(DEVICE), weight: number })))),
  deviceReadBps: either(tokens(DEVICE), listOf(fc.oneof(tokens([...DEVICE, ...SIZE]), objectOf({ path: tokens(DEVICE), rate: size })))),
  deviceWriteBps: either(listOf(fc.oneof(tokens([...DEVICE, ...SIZE]), objectOf({ path: tokens(DEVICE), rate: size })))),
  deviceReadIops: either(listOf(fc.oneof(tokens(DEVICE), objectOf({ path: tokens(DEVICE), rate: number })))),
  deviceWriteIops: either(listOf(fc.oneof(tokens(DEVICE), objectOf({ path: tokens(DEVICE), rate: number })))),
  oomKillDisable: flag,
  oomScoreAdj: whole,
  shmSize: size,
  ulimits: either(listOf(fc.oneof(tokens(["nofile", "NPROC", "bogus", "=", "1024", ":", "-1", "2048", "99999999999999999999"]), objectOf({ name: tokens(["nofile", "core"]), soft: number, hard: number })))),
  sysctls: keyValues(["net.core.somaxconn", "kernel.shmmax", "vm.swappiness", "kernel.hostname", "fs.mqueue.x", "__proto__"], fc.oneof(text, number)),
  cgroupParent: either(tokens(["/", "batch", ".slice", "..", " "])),
  kernelMemory: size,
  privileged: flag,
  readOnly: flag,
  capAdd: either(listOf(tokens(["NET_ADMIN", "cap_", "ALL", " "]))),
  capDrop: either(listOf(tokens(["NET_ADMIN", "CAP_", "all"]))),
  // Profiles given as file paths are read from disk: only inline forms here (reading is another item's test).
  securityOpt: either(listOf(tokens(["no-new-privileges", ":true", "=false", "seccomp=unconfined", 'seccomp={"a":1}', "apparmor=", "label=disable", "label=user:x", "systempaths=unconfined"]).filter((s) => !/seccomp[:=]\s*[^{u\s]/.test(String(s))))),
  pidMode: either(tokens(["private", "host", "container:", "db"])),
  ipcMode: either(tokens(["private", "shareable", "host", "none", "container:", "db"])),
  utsMode: either(tokens(["private", "host", "container:"])),
  userns: either(tokens(["private", "host"])),
  cgroupnsMode: either(tokens(["private", "host"])),
  runtime: either(tokens(["runc", "io.containerd", "/", " "])),
  isolation: either(tokens(["default", "process", "hyperv"])),
  devices: either(listOf(fc.oneof(tokens(DEVICE), objectOf({ pathOnHost: tokens(DEVICE), pathInContainer: tokens(DEVICE), cgroupPermissions: tokens(["r", "w", "m", "x"]) })))),
  deviceCgroupRules: either(listOf(tokens(["c", "b", "a", " ", "1", ":", "*", "3", "mr", "rwm"]))),
  gpus: either(tokens(["all", "2", "0", "device=", "0", ",", "2", "count=", "capabilities=utility", "driver=nvidia", "__proto__=1", "toString=", "="]), number, objectOf({ count: fc.oneof(number, fc.constant("all")), deviceIds: listOf(text, 3), capabilities: listOf(text, 3), driver: text })),
  volumes: either(
    listOf(fc.oneof(tokens(["/host", "/data", ":", "ro", "rw", ",", "z", "Z", "nocopy", "rshared", "cache", "rel/x"]), objectOf({ source: tokens(["/host", "cache", ""]), target: tokens(["/data", "data"]), readOnly: flag, propagation: tokens(["rshared", "private"]), selinuxLabel: tokens(["z", "Z"]), noCopy: flag }))),
    mapOf(fc.oneof(tokens(["/host", "rel"]), userKey), objectOf({ bind: tokens(["/data", "x"]), mode: tokens(["ro", "rw"]) })),
  ),
  mounts: either(
    listOf(fc.oneof(
      tokens(["type=", "bind", "volume", "tmpfs", ",", "source=", "/a", "target=", "/b", "readonly", "tmpfs-size=", "64m", "99999999999999999999t", "volume-label=", "__proto__=1", '"', "volume-opt=", "o=x"]),
      objectOf({
        type: tokens(["bind", "volume", "tmpfs", "npipe"]),
        source: tokens(["/a", "data", ""]),
        target: tokens(["/b", "b"]),
        readOnly: flag,
        tmpfsOptions: objectOf({ size: size, mode: fc.oneof(number, tokens(["1777", "9"])) }),
        volumeOptions: objectOf({ noCopy: flag, labels: mapOf(userKey, text), driverConfig: objectOf({ name: text, options: mapOf(userKey, text) }) }),
        bindOptions: objectOf({ propagation: tokens(["rshared", "x"]), nonRecursive: flag }),
      }),
    )),
  ),
  tmpfs: either(mapOf(fc.oneof(tokens(["/run", "/tmp", "/", "run"]), userKey), tokens(["size=", "64m", ",", "noexec", "mode=", "1777", "uid=", "99999999999", "__proto__=1", "toString=64m", "ro", "huge=", "never"])), listOf(tokens(["/run", ":", "size=", "64m", ",", "noexec", "toString=64m", "__proto__=1"]))),
  volumesFrom: either(tokens(NAME), listOf(tokens([...NAME, ":ro", ":rw"]))),
  volumeDriver: either(tokens(["local", "vieux/sshfs", " "])),
  storageOpt: keyValues(["size", "__proto__"], fc.oneof(size, text)),
  healthcheck: either(
    fc.constant(false),
    objectOf({ test: fc.oneof(text, listOf(tokens(["CMD", "CMD-SHELL", "NONE", "true"]), 3)), interval: fc.oneof(number, tokens(["30", "s", "1m", "ms", "h", "."])), timeout: number, retries: number, startPeriod: tokens(["1", "s"]), startInterval: number }),
  ),
  logDriver: either(tokens(["json-file", "local", "none", "syslog", "grafana/loki:latest", " "])),
  logOptions: keyValues(["max-size", "max-file", "compress", "__proto__", "tag"], fc.oneof(text, number, fc.boolean(), tokens(["10", "m", "0", "3", "true"]))),
  platform: either(tokens(["linux", "/", "amd64", "arm64", "v8", "x86_64", "windows", "plan9"])),
  state: either(fc.constantFrom("running", "stopped", "paused", "created", "exited", "sleeping")),
  host: either(tokens(["tcp://", "unix://", "ssh://", "npipe://", "host", ":2376", "/var/run/docker.sock", "user@", "[::1]", "/path"])),
  tls: either(objectOf({ ca: tokens(["-----BEGIN CERTIFICATE-----", "x", "-----END CERTIFICATE-----", "\n"]), cert: text, key: tokens(["-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----"]), verify: flag })),
  pull: either(fc.constantFrom("missing", "always", "never", "sometimes")),
  registryAuth: either(objectOf({ username: text, password: text, serverAddress: tokens(["registry", ".example.com", ":5000", "docker.io"]) })),
  // Local `source` files are read for their fingerprint: only inline content here.
  uploads: either(listOf(objectOf({ path: tokens(["/etc", "/", "app", ".conf", ".."]), content: text, contentBase64: tokens(["aGk=", "!", "="]), mode: fc.oneof(number, tokens(["0644", "9"])), uid: number, gid: number }), 3)),
  waitForHealthy: either(fc.boolean(), objectOf({ timeout: fc.oneof(number, tokens(["90", "s", "2m", "ms", "x"])) })),
  expectedExitCode: whole,
  logLines: whole,
  deleteTimeout: whole,
  updateOrder: either(tokens(["stop-first", "start-first", "first", "-", "STOP"])),
  engineTimeouts: either(objectOf({ lookup: fc.oneof(whole, tokens(["30s", "2m", "0", "-1", "x"])), change: whole, transfer: fc.oneof(whole, tokens(["30m", "1h", "h"])) })),
  removeVolumes: flag,
  adopt: flag,
};

test("every option and setting has a generator", () => {
  expect(KEYS.filter((k) => !(k in FORMS))).toEqual([]);
});

/** Inputs: an image (usually valid), a few options, sometimes a key that is no option. */
const inputs = (keys: string[], max: number): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(FORMS.image, fc.subarray(keys, { maxLength: max }), fc.option(userKey, { nil: undefined, freq: 8 }))
    .chain(([image, chosen, stray]) =>
      fc.tuple(...(chosen as string[]).map((k) => FORMS[k])).map((values) => {
        const news: Record<string, unknown> = Object.fromEntries((chosen as string[]).map((k, i) => [k, values[i]]));
        if (typeof stray === "string" && !KEYS.includes(stray)) Object.defineProperty(news, stray, { value: 1, enumerable: true, configurable: true, writable: true });
        return { __resourceName: "web", image, ...news };
      }),
    );

// ---------------------------------------------------------------------------------------------------------------
// The properties

const ZOD_DEFAULTS = /^(Invalid input|Too small|Too big|Unrecognized key|Invalid option|Invalid key|Invalid element|Invalid string|Invalid (element|key) in)/;
const INTERNAL = /is not a function|Cannot read propert|is not iterable|\[object Object\]|Maximum call stack|undefined is not|Cannot convert/;
const LIMIT_MS = 100;
/** Runs per property; DOCKWRIGHT_PROPERTY_RUNS=10 (a factor) explores longer. */
const FACTOR = Number(process.env.DOCKWRIGHT_PROPERTY_RUNS ?? 1);

/** check's time on one input: the best of up to three runs, so a garbage collection does not count as the input's cost. */
function timedCheck(news: Record<string, unknown>) {
  let best = Infinity;
  let result: ReturnType<typeof check> | undefined;
  for (let run = 0; run < 3 && best >= LIMIT_MS; run++) {
    const started = performance.now();
    result = check({}, news);
    best = Math.min(best, performance.now() - started);
  }
  return { result: result!, ms: best };
}

/** The input key a failure's property starts with. */
function rootOf(property: string, news: Record<string, unknown>): string | undefined {
  return Object.keys(news).find((k) => property === k || property.startsWith(`${k}.`) || property.startsWith(`${k}[`));
}

function assertSound(news: Record<string, unknown>): void {
  let outcome: ReturnType<typeof timedCheck>;
  try {
    outcome = timedCheck(news);
  } catch (err) {
    throw new Error(`check threw: ${(err as Error).stack}`);
  }
  const { result, ms } = outcome;
  if (ms >= LIMIT_MS) throw new Error(`check took ${ms.toFixed(1)} ms`);
  for (const failure of result.failures) {
    const where = `${failure.property}: ${failure.reason.slice(0, 200)}`;
    if (rootOf(failure.property, news) === undefined) throw new Error(`the failure names a property not in the input: ${where}`);
    if (ZOD_DEFAULTS.test(failure.reason)) throw new Error(`zod's default message: ${where}`);
    if (INTERNAL.test(failure.reason)) throw new Error(`an internal error as the reason: ${where}`);
    if (failure.reason.length > MAX_REASON) throw new Error(`a reason of ${failure.reason.length} characters: ${where}`);
    if (!failure.reason.trim()) throw new Error(`an empty reason for ${failure.property}`);
  }
}

beforeAll(() => {
  // The first calls compile check's code paths: not what an input costs.
  for (let i = 0; i < 3; i++) fc.sample(inputs(KEYS, 8), 100).forEach((news) => check({}, news));
});

describe.each(KEYS)("%s", (key) => {
  test("generated values never crash check, answer within 100 ms, and fail naming a property of the input", () => {
    fc.assert(fc.property(inputs([key], 1), assertSound), { numRuns: 150 * FACTOR });
  });
});

test("generated combinations of options: the same, with rules across options", () => {
  fc.assert(fc.property(inputs(KEYS, 8), assertSound), { numRuns: 1500 * FACTOR });
});
