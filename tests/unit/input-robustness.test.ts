// Inputs a fuzzer, a review and plausible mistakes found: image references, NUL characters, malformed restart
// policies and commit changes, adversarial PEM text, seccomp profile paths that are not regular files, and values
// nested deeper than any recursion survives. Each fails at check, quickly, naming the property.
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { check } from "../../provider/container/check";
import { check as commitCheck } from "../../provider/commit/check";
import { firstPemLabel, PEM_MAX_BYTES } from "../../provider/docker/tls";
import { referenceProblem } from "../../provider/docker/registry-reference";
import { containsUnknown, someNested, UNKNOWN } from "../../provider/unknown";

const base = { image: "busybox:1", __resourceName: "web" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;
const commitFailuresOf = (news: Record<string, unknown>) => commitCheck({}, { container: "web", __resourceName: "snap", ...news }).failures;
const CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

/** Milliseconds `fn` takes. */
function timed(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

describe("image references follow the engine's grammar (distribution/reference)", () => {
  test.each([
    [" ", /contains a space at position 0/],
    ["NGINX", /repository names must be lowercase \("nginx"\)/],
    ["nginx:1.27 ", /contains a space at position 10/],
    ["a//b", /no empty components/],
    ["ng\u0007inx", /contains the character "\\u0007" at position 2/],
    ["nginx\u0000", /contains the character "\\u0000"/],
    ["nginx:", /invalid tag ""/],
    ["nginx:-1", /invalid tag "-1"/],
    [":1.27", /repository name is missing/],
    ["-nginx", /not a repository path component/],
    ["a___b", /not a repository path component/],
    ["bad_host!/app", /not a repository path component/],
    ["Bad_Host.io/app", /"Bad_Host.io" is not a registry host/],
    [`app@sha256:short`, /invalid digest "sha256:short"/],
    ["x".repeat(300), /at most 255/],
  ])("%j is refused at check, naming image", (image, reason) => {
    const failures = failuresOf({ image });
    expect(failures).toEqual([{ property: "image", reason: expect.stringMatching(reason) }]);
    expect(failures[0].reason).toMatch(/is not an image reference: .*Expected e\.g\. "nginx:1\.27"/);
  });

  test.each([
    "nginx",
    "nginx:1.27",
    "library/nginx:1.27-alpine",
    "registry.example.com:5000/team/app:v1",
    "Registry.Example.com/team/app",
    "localhost/app",
    "localhost:5000/a/b/c:Tag_1.0",
    "[::1]:5000/app:1",
    "127.0.0.1:5000/app",
    "a__b/c-d.e--f",
    `app@sha256:${"a".repeat(64)}`,
    `app:1@sha256:${"a".repeat(64)}`,
    "a".repeat(64),
    `sha256:${"a".repeat(64)}`,
    "a483a96b967e",
  ])("%s is accepted", (image) => {
    expect(referenceProblem(image)).toBeUndefined();
    expect(failuresOf({ image })).toEqual([]);
  });

  test("a long adversarial reference is judged in linear time", () => {
    for (const image of ["a-".repeat(200_000), "a.".repeat(200_000) + "/x", "a".repeat(1_000_000) + "!"]) {
      expect(timed(() => referenceProblem(image))).toBeLessThan(100);
    }
  });
});

describe("NUL characters are refused wherever Docker takes a C string", () => {
  test.each([
    [{ user: "app\u0000" }, "user"],
    [{ workingDir: "/srv\u0000/x" }, "workingDir"],
    [{ groupAdd: ["audio", "vid\u0000eo"] }, "groupAdd[1]"],
    [{ env: { A: "1", B: "x\u0000y" } }, "env.B"],
    [{ env: ["A=1", "B=x\u0000y"] }, "env[1]"],
    [{ labels: { "a\u0000b": "1" } }, "labels"],
    [{ logOptions: { "max-size": "10m\u0000" } }, "logOptions.max-size"],
    [{ logOptions: ["max-size=10m\u0000"] }, "logOptions[0]"],
    [{ uploads: [{ path: "/etc/app\u0000.conf", content: "x" }] }, "uploads[0].path"],
    [{ command: ["sh", "-c", "echo\u0000"] }, "command[2]"],
    [{ hostname: "web\u0000" }, "hostname"],
  ])("%j", (news, property) => {
    const failures = failuresOf(news);
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(/contains a NUL character \(\\u0000\)/) });
  });

  test("a file's declared content may hold any character", () => {
    expect(failuresOf({ uploads: [{ path: "/etc/app.bin", content: "a\u0000b" }] })).toEqual([]);
  });

  test("ContainerCommit: container (and every input sent to the engine) is refused with a NUL; triggers are only compared", () => {
    expect(commitFailuresOf({ container: "web\u0000" })).toEqual([
      { property: "container", reason: expect.stringMatching(/contains a NUL character/) },
    ]);
    expect(commitFailuresOf({ message: "m\u0000" })).toEqual([{ property: "message", reason: expect.stringMatching(/NUL/) }]);
    expect(commitFailuresOf({ triggers: ["a\u0000b"] })).toEqual([]);
  });
});

describe("restart policies and commit changes the engine would misread", () => {
  test.each([
    ["on-failure:3:4", /more than one ':'/],
    ["on-failure:", /ends with ':' but gives no retry count; write on-failure or on-failure:3/],
    ["always:", /ends with ':' but gives no retry count; write always$/],
    ["on-failure:x", /'x' is not a whole number/],
    ["on-failure:-1", /not a whole number/],
    ["on-failure:99999999999999999999", /whole number/],
  ])("restart %j is refused", (restart, reason) => {
    expect(failuresOf({ restart })).toEqual([{ property: "restart", reason: expect.stringMatching(reason) }]);
  });

  test.each(["no", "always", "unless-stopped", "on-failure", "on-failure:3"])("restart %j is accepted", (restart) => {
    expect(failuresOf({ restart })).toEqual([]);
  });

  test.each([
    ["EXPOSE 99999", /EXPOSE 99999: 99999 is outside 1-65535/],
    ["EXPOSE 65536/udp", /65536 is outside 1-65535/],
    ["EXPOSE 0", /0 is outside 1-65535/],
    ["EXPOSE 80-70", /the range ends before it starts/],
    ["EXPOSE 8080 70000", /EXPOSE 70000: 70000 is outside/],
  ])("commit changes %j are refused", (change, reason) => {
    expect(commitFailuresOf({ changes: [change] })).toEqual([{ property: "changes[0]", reason: expect.stringMatching(reason) }]);
  });

  test("EXPOSE within 1-65535 is accepted", () => {
    expect(commitFailuresOf({ changes: ["EXPOSE 1 65535 8080/udp 9000-9010/tcp"] })).toEqual([]);
  });

  test.each([" ", "  web", "web db", "web\t", "we/b", "-web"])("commit container %j is refused", (container) => {
    expect(commitFailuresOf({ container })).toEqual([{ property: "container", reason: expect.stringMatching(/is not a container id or name/) }]);
  });

  test.each(["web", "/web", "a1b2c3d4e5f6", "my_app.web-1"])("commit container %j is accepted", (container) => {
    expect(commitFailuresOf({ container })).toEqual([]);
  });
});

describe("TLS material: PEM is parsed in linear time, and its size is bounded", () => {
  test("many BEGIN lines without an END are judged at once", () => {
    const line = "-----BEGIN CERTIFICATE-----\n";
    const ca = line.repeat(Math.floor(PEM_MAX_BYTES / line.length));
    let failures: unknown;
    expect(timed(() => (failures = failuresOf({ host: "tcp://h:2376", tls: { ca } })))).toBeLessThan(200);
    expect(failures).toEqual([{ property: "tls.ca", reason: expect.stringMatching(/expected the CA certificate as PEM text/) }]);
  });

  test("more than the size limit is refused by its size, without reading it as PEM", () => {
    const ca = CERT + "x".repeat(PEM_MAX_BYTES);
    let failures: unknown;
    expect(timed(() => (failures = failuresOf({ host: "tcp://h:2376", tls: { ca } })))).toBeLessThan(100);
    expect(failures).toEqual([{ property: "tls.ca", reason: expect.stringMatching(/more than PEM material takes \(at most 1048576\); the value is not shown/) }]);
  });

  test("the first block decides: its label, and an END with the same label", () => {
    expect(firstPemLabel(CERT)).toBe("CERTIFICATE");
    expect(firstPemLabel(`junk\n${CERT}${CERT}`)).toBe("CERTIFICATE");
    expect(firstPemLabel("-----BEGIN CERTIFICATE-----\nabc\n-----END PRIVATE KEY-----")).toBeUndefined();
    expect(firstPemLabel("-----BEGIN CERTIFICATE----------END CERTIFICATE-----")).toBeUndefined();
    expect(firstPemLabel("-----BEGIN certificate-----\nabc\n-----END certificate-----")).toBeUndefined();
    expect(failuresOf({ host: "tcp://h:2376", tls: { ca: CERT } })).toEqual([]);
  });
});

describe("seccomp profile paths: regular files only, with a size limit", () => {
  const dir = mkdtempSync(join(tmpdir(), "dw-seccomp-"));

  test.each([
    ["/dev/zero", /cannot read the seccomp profile file '\/dev\/zero': it is a character device; only a regular file of at most 1 MiB is read/],
    [dir, /it is a folder; only a regular file of at most 1 MiB is read/],
  ])("%s is refused at once, saying why", (path, reason) => {
    let failures: unknown;
    expect(timed(() => (failures = failuresOf({ securityOpt: [`seccomp=${path}`] })))).toBeLessThan(100);
    expect(failures).toEqual([{ property: "securityOpt[0]", reason: expect.stringMatching(reason) }]);
  });

  test("a FIFO is refused without waiting for a writer", () => {
    const fifo = join(dir, "profile.fifo");
    execFileSync("mkfifo", [fifo]);
    let failures: unknown;
    expect(timed(() => (failures = failuresOf({ securityOpt: [`seccomp=${fifo}`] })))).toBeLessThan(100);
    expect(failures).toEqual([{ property: "securityOpt[0]", reason: expect.stringMatching(/it is a FIFO \(named pipe\); only a regular file/) }]);
  });

  test("a file over 1 MiB is refused by its size; one under it is read", () => {
    const big = join(dir, "big.json");
    writeFileSync(big, `{"defaultAction": "SCMP_ACT_ALLOW", "pad": "${"x".repeat(1024 * 1024)}"}`);
    expect(failuresOf({ securityOpt: [`seccomp=${big}`] })).toEqual([
      { property: "securityOpt[0]", reason: expect.stringMatching(/it is 1048\d+ bytes; only a regular file of at most 1 MiB is read/) },
    ]);
    const small = join(dir, "small.json");
    writeFileSync(small, `{"defaultAction": "SCMP_ACT_ALLOW"}`);
    expect(failuresOf({ securityOpt: [`seccomp=${small}`] })).toEqual([]);
    mkdirSync(join(dir, "sub"));
  });
});

describe("deeply nested values", () => {
  function nested(depth: number, leaf: unknown): unknown {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { k: value };
    return value;
  }

  // Far deeper than any recursion survives (about 10,000 levels), and than the engine's RPC carries.
  const DEPTH = 100_000;

  test("containsUnknown walks any depth without recursion", () => {
    expect(containsUnknown(nested(DEPTH, UNKNOWN))).toBe(true);
    expect(containsUnknown(nested(DEPTH, "known"))).toBe(false);
    const shared = { a: 1 };
    expect(containsUnknown([shared, shared, { b: [shared, UNKNOWN] }])).toBe(true);
    // A loop in a value built by hand ends too.
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(containsUnknown(loop)).toBe(false);
  });

  test("someNested gives the path of what it finds, in linear time at any depth", () => {
    let path: PropertyKey[] = [];
    const ms = timed(() => someNested(nested(DEPTH, "x\u0000"), (v, p) => (typeof v === "string" ? ((path = p()), true) : false)));
    expect(path).toHaveLength(DEPTH);
    expect([path[0], path[1], path[DEPTH - 1]]).toEqual([0, "k", "k"]);
    expect(ms).toBeLessThan(2000);
  });

  test("check answers for deep values in any input, instead of overflowing the stack", () => {
    const deep = nested(DEPTH, "x");
    for (const key of ["labels", "env", "ports", "healthcheck", "uploads", "notAnOption", "waitForHealthy"]) {
      const result = check({}, { ...base, [key]: deep });
      expect(result.failures.length).toBeGreaterThan(0);
      expect(result.failures.every((f) => f.property.startsWith(key))).toBe(true);
    }
    expect(commitCheck({}, { container: "web", triggers: [deep] }).failures).toEqual([]);
    expect(commitCheck({}, { container: "web", changes: deep }).failures[0].property).toBe("changes");
  });
});
