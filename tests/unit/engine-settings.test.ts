// host/tls forms and failures, the engine chosen from inputs, environment and stack config, and that no message
// ever carries TLS material.
import { check } from "../../provider/container/check";
import { check as commitCheck } from "../../provider/commit/check";
import { canonicalHost, parseHost } from "../../provider/docker/endpoint";
import { configureEngines, declaredEngine, selectEngine } from "../../provider/docker/endpoint-select";
import { UNKNOWN } from "../../provider/unknown";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
const SECRET_LINE = "c2VjcmV0LWtleS1ieXRlcy1ub3QtdG8tYmUtc2hvd24";
const KEY = `-----BEGIN PRIVATE KEY-----\n${SECRET_LINE}\n-----END PRIVATE KEY-----\n`;
const base = { image: "busybox:1", __resourceName: "web" };

const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;

function config(values: Record<string, unknown>) {
  return { get: (key: string) => values[key] };
}

afterEach(() => configureEngines(undefined));

describe("host forms", () => {
  test.each([
    ["unix:///var/run/docker.sock", "unix:///var/run/docker.sock", false],
    ["UNIX:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock", false],
    ["tcp://10.0.0.5:2376", "tcp://10.0.0.5:2376", true],
    ["tcp://docker.example.com", "tcp://docker.example.com:2376", true],
    ["tcp://docker.example.com", "tcp://docker.example.com:2375", false],
    ["tcp://[::1]:2376/", "tcp://[::1]:2376", true],
    [" tcp://host:2376 ", "tcp://host:2376", true],
    ["ssh://deploy@build-01", "ssh://deploy@build-01:22", false],
    ["ssh://build-01:2222", "ssh://build-01:2222", false],
  ])("%s is %s", (value, canonical, tls) => {
    expect(canonicalHost(parseHost(value), tls)).toBe(canonical);
    expect(failuresOf({ host: value, ...(tls && value.toLowerCase().includes("tcp") ? { tls: { ca: CERT } } : {}) })).toEqual([]);
  });

  test.each([
    ["/var/run/docker.sock", /expected a URL such as unix:\/\/\/var\/run\/docker.sock, tcp:\/\/host:2376 or ssh:\/\/user@host/],
    ["unix://docker.sock", /absolute socket path/],
    ["http://host:2375", /http:\/\/ scheme is not supported/],
    ["npipe:////./pipe/docker_engine", /Windows named pipe/],
    ["tcp://", /needs a host name or IP address/],
    ["tcp://host:99999", /not a valid tcp:\/\/ URL/],
    ["tcp://host:2376/v1.41", /only a host and port: remove the path "\/v1.41"/],
    ["tcp://user@host:2376", /takes no user name/],
    ["ssh://user:hunter2@host", /takes no password: load the key into an ssh agent/],
    [42, /expected an engine URL/],
  ])("%s fails: %s", (value, reason) => {
    const failures = failuresOf({ host: value });
    expect(failures).toEqual([{ property: "host", reason: expect.stringMatching(reason) }]);
    expect(JSON.stringify(failures)).not.toContain("hunter2");
  });
});

describe("tls", () => {
  const host = "tcp://10.0.0.5:2376";

  test("ca, cert and key as PEM text, verify on by default", () => {
    expect(failuresOf({ host, tls: { ca: CERT, cert: CERT, key: KEY } })).toEqual([]);
    expect(selectEngine({ host, tls: { ca: CERT, cert: CERT, key: KEY } }).tls).toEqual({ ca: CERT, cert: CERT, key: KEY, verify: true });
    expect(selectEngine({ host, tls: { verify: false } }).tls?.verify).toBe(false);
  });

  test.each([
    [{ ca: CERT, cert: CERT }, "tls.key", /needs both cert and key/],
    [{ key: KEY }, "tls.cert", /needs both cert and key/],
    [{ ca: "not a certificate" }, "tls.ca", /CA certificate as PEM text/],
    [{ ca: CERT, cert: CERT, key: CERT }, "tls.key", /client key as PEM text/],
    [{ ca: CERT, cert: KEY, key: KEY }, "tls.cert", /client certificate as PEM text/],
    [{ ca: CERT, verify: "yes" }, "tls.verify", /expected true .* or false/],
    [{ ca: CERT, insecure: true }, "tls", /insecure/],
    ["ca.pem", "tls", /expected an object with ca, cert, key/],
  ])("%j fails at %s", (value, property, reason) => {
    const failures = failuresOf({ host, tls: value });
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  test("no failure message contains the key or the certificates", () => {
    const bad = [
      { ca: KEY, cert: KEY, key: KEY },
      { cert: CERT, key: `${KEY}x`.replace("PRIVATE KEY", "PUBLIC KEY") },
      { key: KEY, extra: KEY },
    ];
    for (const tls of bad) {
      const text = JSON.stringify([...failuresOf({ host, tls }), ...failuresOf({ tls })]);
      expect(text).not.toContain(SECRET_LINE);
      expect(text).not.toContain("MIIBfake");
    }
  });

  test("tls needs a tcp:// host of the same resource", () => {
    // Without a host (or one not known yet at preview) it fails when the engine is chosen.
    expect(failuresOf({ tls: { ca: CERT } })).toEqual([]);
    expect(() => selectEngine({ tls: { ca: CERT } }, {})).toThrow("tls applies to this resource's host: set host to the engine's tcp:// URL too");
    expect(failuresOf({ host: "ssh://me@build", tls: { ca: CERT } })).toEqual([
      { property: "tls", reason: expect.stringMatching(/tcp:\/\/ hosts only; ssh:\/\/ engines are reached without it/) },
    ]);
    // Not known yet at preview: nothing to say.
    expect(failuresOf({ host: UNKNOWN, tls: { ca: CERT } })).toEqual([]);
    expect(failuresOf({ host, tls: { ca: CERT, cert: CERT, key: UNKNOWN } })).toEqual([]);
  });

  test("ContainerCommit takes the same host and tls, with the same rules", () => {
    const commit = (news: Record<string, unknown>) => commitCheck({}, { __resourceName: "snap", container: "web", ...news }).failures;
    expect(commit({ host, tls: { ca: CERT, cert: CERT, key: KEY } })).toEqual([]);
    expect(commit({ host: "tcp://host/x" })).toEqual([{ property: "host", reason: expect.stringMatching(/remove the path/) }]);
    expect(commit({ host: "unix:///var/run/docker.sock", tls: { ca: CERT } })).toEqual([{ property: "tls", reason: expect.stringMatching(/tcp:\/\/ hosts only/) }]);
    expect(commit({ host, tls: { cert: CERT } })).toEqual([{ property: "tls.key", reason: expect.stringMatching(/needs both/) }]);
  });
});

describe("which engine", () => {
  const env = { DOCKER_HOST: "tcp://env-host:2375" };

  test("a resource's host, else DOCKER_HOST, else dockwright:host, else the local socket", () => {
    configureEngines(config({ "dockwright:host": "ssh://ops@config-host" }));
    expect(selectEngine({ host: "tcp://own:2375" }, env)).toMatchObject({ endpoint: "tcp://own:2375", source: "host input" });
    expect(selectEngine({}, env)).toMatchObject({ endpoint: "tcp://env-host:2375", source: "DOCKER_HOST", tls: undefined });
    expect(selectEngine({}, {})).toMatchObject({ endpoint: "ssh://ops@config-host:22", source: "config dockwright:host" });
    configureEngines(config({}));
    expect(selectEngine({}, {})).toMatchObject({ endpoint: "unix:///var/run/docker.sock", source: "default" });
  });

  test("DOCKER_HOST may omit tcp://; DOCKER_TLS_VERIFY needs ca.pem in DOCKER_CERT_PATH", () => {
    expect(selectEngine({}, { DOCKER_HOST: "10.1.2.3:2375" }).endpoint).toBe("tcp://10.1.2.3:2375");
    expect(() => selectEngine({}, { DOCKER_HOST: "tcp://h", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/nonexistent" })).toThrow(
      "DOCKER_TLS_VERIFY is set but /nonexistent/ca.pem does not exist",
    );
    expect(() => selectEngine({}, { DOCKER_HOST: "ftp://h" })).toThrow(/^DOCKER_HOST=ftp:\/\/h: the ftp:\/\/ scheme is not supported/);
    // Not TLS over a socket, whatever the variables say.
    expect(selectEngine({}, { DOCKER_HOST: "unix:///tmp/d.sock", DOCKER_TLS_VERIFY: "1" }).tls).toBeUndefined();
  });

  test("dockwright:tls from structured config (JSON text or object) goes with dockwright:host", () => {
    configureEngines(config({ "dockwright:host": "tcp://cfg:2376", "dockwright:tls": JSON.stringify({ ca: CERT, cert: CERT, key: KEY }) }));
    expect(selectEngine({}, {})).toMatchObject({ endpoint: "tcp://cfg:2376", tls: { ca: CERT, cert: CERT, key: KEY, verify: true } });
    configureEngines(config({ "dockwright:host": "tcp://cfg", "dockwright:tls": { ca: CERT, verify: false } }));
    expect(selectEngine({}, {})).toMatchObject({ endpoint: "tcp://cfg:2376", tls: { ca: CERT, verify: false } });
  });

  test("bad stack config fails naming the key, never showing TLS material", () => {
    expect(() => configureEngines(config({ "dockwright:host": "docker.example.com" }))).toThrow(/^config dockwright:host: expected a URL/);
    expect(() => configureEngines(config({ "dockwright:tls": "{not json" }))).toThrow(/^config dockwright:tls: .*not valid JSON/);
    let message = "";
    try {
      configureEngines(config({ "dockwright:tls": { cert: CERT, key: KEY.replace("PRIVATE", "PUBLIC") } }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^config dockwright:tls\.key: expected the client key as PEM text/);
    expect(message).not.toContain(SECRET_LINE);
  });

  test("no Configure from the engine (the host's config map missing) means no stack config", () => {
    configureEngines(config({ "dockwright:host": "tcp://cfg:2375" }));
    configureEngines({ get: () => { throw new TypeError("Cannot read properties of undefined"); } });
    expect(selectEngine({}, {}).source).toBe("default");
  });

  test("the declared engine is compared in canonical form", () => {
    expect(declaredEngine({ host: "TCP://h", tls: { ca: CERT } })).toBe(declaredEngine({ host: "tcp://h:2376", tls: {} }));
    expect(declaredEngine({ host: "tcp://h" })).not.toBe(declaredEngine({ host: "tcp://h", tls: {} }));
    expect(declaredEngine({})).toBeUndefined();
  });
});
