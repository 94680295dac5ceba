import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { check } from "../../provider/container/check";
import { registryFailure } from "../../provider/docker/pull";
import { dockerConfigPath, resolveAuth, scrub } from "../../provider/docker/registry-auth";
import { parseReference, pullQuery, registryHost } from "../../provider/docker/registry-reference";

const ID = "a".repeat(64);
const DIGEST = `sha256:${"b".repeat(64)}`;

describe("image references", () => {
  test.each([
    ["nginx", { kind: "tag", name: "nginx", registry: "docker.io", tag: "latest" }],
    ["nginx:1.27", { kind: "tag", name: "nginx", registry: "docker.io", tag: "1.27" }],
    ["library/nginx:1", { kind: "tag", name: "library/nginx", registry: "docker.io", tag: "1" }],
    ["user/app", { kind: "tag", name: "user/app", registry: "docker.io", tag: "latest" }],
    ["127.0.0.1:5000/team/app:2", { kind: "tag", name: "127.0.0.1:5000/team/app", registry: "127.0.0.1:5000", tag: "2" }],
    ["localhost/app", { kind: "tag", name: "localhost/app", registry: "localhost", tag: "latest" }],
    ["ghcr.io/o/app:v1", { kind: "tag", name: "ghcr.io/o/app", registry: "ghcr.io", tag: "v1" }],
    ["localhost:5000/app", { kind: "tag", name: "localhost:5000/app", registry: "localhost:5000", tag: "latest" }],
    [`nginx@${DIGEST}`, { kind: "digest", name: "nginx", registry: "docker.io", digest: DIGEST }],
    [`r.example.com:443/a/b:1@${DIGEST}`, { kind: "digest", name: "r.example.com:443/a/b", registry: "r.example.com:443", tag: "1", digest: DIGEST }],
    [ID, { kind: "id", name: ID }],
    [`sha256:${ID}`, { kind: "id" }],
  ])("%s", (ref, expected) => {
    expect(parseReference(ref)).toMatchObject({ ref, ...expected });
  });

  test("a malformed digest is refused with the expected form", () => {
    expect(() => parseReference("nginx@sha256:xyz")).toThrow(/invalid digest "sha256:xyz": expected sha256:<64 hex digits>/);
  });

  test("pull query: a digest is pulled by digest, a tag by tag", () => {
    expect(pullQuery(parseReference(`a/b:1@${DIGEST}`))).toEqual({ fromImage: "a/b", tag: DIGEST });
    expect(pullQuery(parseReference("127.0.0.1:5000/a"))).toEqual({ fromImage: "127.0.0.1:5000/a", tag: "latest" });
  });

  test.each([
    ["https://index.docker.io/v1/", "docker.io"],
    ["registry-1.docker.io", "docker.io"],
    ["http://127.0.0.1:5000", "127.0.0.1:5000"],
    ["Registry.Example.com:5000/v2/", "registry.example.com:5000"],
  ])("registry host of %s", (address, host) => {
    expect(registryHost(address)).toBe(host);
  });
});

describe("registry credentials", () => {
  let dir: string;
  const env = () => ({ DOCKER_CONFIG: dir });
  const writeConfig = (config: unknown) => writeFileSync(join(dir, "config.json"), typeof config === "string" ? config : JSON.stringify(config));
  const b64 = (s: string) => Buffer.from(s).toString("base64");

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "dockwright-config-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("the config file is $DOCKER_CONFIG/config.json, else ~/.docker/config.json", () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: "/x" })).toBe("/x/config.json");
    expect(dockerConfigPath({})).toMatch(/\.docker\/config\.json$/);
  });

  test("declared registryAuth wins over the config file and goes to the image's registry", () => {
    writeConfig({ auths: { "127.0.0.1:5000": { auth: b64("file:filepw") } } });
    const auth = resolveAuth(parseReference("127.0.0.1:5000/a:1"), { username: "u", password: "p:w" }, env());
    expect(auth).toMatchObject({ authconfig: { username: "u", password: "p:w", serveraddress: "127.0.0.1:5000" }, source: "registryAuth" });
  });

  test("auths: base64 user:password (the password may hold ':'), matched by host whatever the scheme", () => {
    writeConfig({ auths: { "http://127.0.0.1:5000/v2/": { auth: b64("user:pa:ss") }, "other:1": { auth: b64("x:y") } } });
    const auth = resolveAuth(parseReference("127.0.0.1:5000/a:1"), undefined, env());
    expect(auth.authconfig).toEqual({ username: "user", password: "pa:ss", serveraddress: "127.0.0.1:5000" });
    expect(auth.source).toBe(join(dir, "config.json"));
    expect(auth.secrets).toEqual(["pa:ss"]);
  });

  test("Docker Hub's historical key serves docker.io images", () => {
    writeConfig({ auths: { "https://index.docker.io/v1/": { username: "hub", password: "hubpw" } } });
    expect(resolveAuth(parseReference("nginx"), undefined, env()).authconfig).toEqual({
      username: "hub",
      password: "hubpw",
      serveraddress: "https://index.docker.io/v1/",
    });
  });

  test("an identity token is passed as such", () => {
    writeConfig({ auths: { "ghcr.io": { identitytoken: "tok" } } });
    expect(resolveAuth(parseReference("ghcr.io/o/a"), undefined, env()).authconfig).toEqual({ identitytoken: "tok", serveraddress: "ghcr.io" });
  });

  test("no file, or no entry: anonymous; a configured helper is remembered for the error message", () => {
    expect(resolveAuth(parseReference("ghcr.io/o/a"), undefined, env())).toEqual({ secrets: [] });
    writeConfig({ auths: { "ghcr.io": {} }, credsStore: "desktop", credHelpers: { "r.io": "ecr-login" } });
    expect(resolveAuth(parseReference("ghcr.io/o/a"), undefined, env()).helper).toMatch(/^docker-credential-desktop \(in .*config\.json\)$/);
    expect(resolveAuth(parseReference("r.io/a"), undefined, env()).helper).toMatch(/^docker-credential-ecr-login/);
  });

  test("a config file that is not JSON is named", () => {
    writeConfig("{nope");
    expect(() => resolveAuth(parseReference("a"), undefined, env())).toThrow(/config\.json is not valid JSON/);
  });

  test("a malformed auth entry says to log in again, without echoing it", () => {
    writeConfig({ auths: { "r.io": { auth: b64("nocolon") } } });
    expect(() => resolveAuth(parseReference("r.io/a"), undefined, env())).toThrow(/not base64 of "user:password": run docker login again/);
  });
});

describe("pull failures", () => {
  const image = parseReference("127.0.0.1:5000/team/app:1");
  const withAuth = { authconfig: { username: "u", password: "s3cret", serveraddress: "127.0.0.1:5000" }, source: "registryAuth", secrets: ["s3cret"] };
  const engineError = (status: number, message: string) => Object.assign(new Error(`(HTTP code ${status}) server error - ${message} `), { statusCode: status });

  test("manifest unknown: the reference and what to check", () => {
    const err = registryFailure('container "web"', `cannot pull "${image.ref}"`, image, { secrets: [] }, engineError(404, "manifest for x not found: manifest unknown: manifest unknown"));
    expect(err.message).toBe(
      'container "web": cannot pull "127.0.0.1:5000/team/app:1": manifest for x not found: manifest unknown: manifest unknown. ' +
        "The registry 127.0.0.1:5000 has no such repository or tag: check the reference, or push the image there first.",
    );
  });

  test("no credentials: how to give them, and that helpers are not run", () => {
    const err = registryFailure('container "web"', `cannot pull "${image.ref}"`, image, { secrets: [], helper: "docker-credential-pass (in /h/config.json)" }, engineError(500, "no basic auth credentials"));
    expect(err.message).toMatch(/requires credentials and none were found: set registryAuth \{ username, password \}/);
    expect(err.message).toMatch(/docker-credential-pass \(in \/h\/config\.json\), is configured, but dockwright does not run credential helpers/);
  });

  test("refused credentials name their source, never the password", () => {
    const err = registryFailure('container "web"', `cannot pull "${image.ref}"`, image, withAuth, engineError(500, "unauthorized: authentication required (tried s3cret)"));
    expect(err.message).toMatch(/refused the credentials from registryAuth: check the username and password/);
    expect(err.message).not.toContain("s3cret");
  });

  test("Docker Hub's pull access denied: missing or private, both said", () => {
    const hub = parseReference("someone/absent:1");
    const reason = "pull access denied for someone/absent, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
    const err = registryFailure('container "web"', 'image "someone/absent:1" is not on the Docker engine at unix:///var/run/docker.sock, and pulling it failed', hub, { secrets: [] }, engineError(404, reason));
    expect(err.message).toBe(
      `container "web": image "someone/absent:1" is not on the Docker engine at unix:///var/run/docker.sock, and pulling it failed: ${reason}. ` +
        "The registry docker.io has no such repository, or it is private: check the reference; for a private one set registryAuth { username, password } (the password as a secret) or run docker login.",
    );
  });

  test("unreachable registry", () => {
    const err = registryFailure('container "web"', `cannot pull "${image.ref}"`, image, { secrets: [] }, engineError(500, 'Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused'));
    expect(err.message).toMatch(/connection refused\. The registry 127\.0\.0\.1:5000 cannot be reached from the Docker engine/);
  });

  test("scrub replaces every secret", () => {
    expect(scrub("a s3cret b s3cret", ["s3cret", ""])).toBe("a *** b ***");
  });
});

describe("check: pull and registryAuth", () => {
  const base = { image: "127.0.0.1:5000/app:1", __resourceName: "web" };
  const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;

  test("valid settings pass and are kept as declared", () => {
    const news = { ...base, pull: "always", registryAuth: { username: "u", password: "p", serverAddress: "http://127.0.0.1:5000" } };
    expect(check({}, news)).toMatchObject({ failures: [], inputs: news });
  });

  test.each([
    [{ pull: "sometimes" }, "pull", /expected "missing" \(pull when the engine does not have the image\), "always" or "never"/],
    [{ pull: true }, "pull", /"missing"/],
    [{ registryAuth: "u:p" }, "registryAuth", /expected \{ username, password, serverAddress\? \}/],
    [{ registryAuth: { username: "u" } }, "registryAuth.password", /registry password/],
    [{ registryAuth: { username: "", password: "p" } }, "registryAuth.username", /must not be empty/],
    [{ registryAuth: { username: "u", password: "p", server: "x" } }, "registryAuth", /server/],
    [{ registryAuth: { username: "u", password: "p", serverAddress: "ghcr.io" } }, "registryAuth.serverAddress", /is not the registry of image "127\.0\.0\.1:5000\/app:1" \(127\.0\.0\.1:5000\)/],
    [{ image: "app@sha256:short" }, "image", /invalid digest/],
  ])("%j fails on %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  test("failures never show the password", () => {
    const failures = failuresOf({ registryAuth: { username: 7, password: "hunter22", extra: "hunter22" } });
    expect(failures.length).toBeGreaterThan(0);
    expect(JSON.stringify(failures)).not.toContain("hunter22");
  });
});

describe("preview with credentials not known yet", () => {
  test('pull "always" does not ask the registry with placeholder credentials', async () => {
    const { imageForDiff } = await import("../../provider/container/lifecycle/image-source");
    const { UNKNOWN } = await import("../../provider/unknown");
    const facts = { id: "sha256:local", config: {} };
    const client = {
      endpoint: "test",
      docker: {
        getImage: () => ({
          inspect: async () => ({ Id: "sha256:local", Config: {}, RepoDigests: [] }),
          distribution: async () => {
            throw new Error("the registry must not be asked");
          },
        }),
      },
    } as any;
    const inputs = { image: "127.0.0.1:5000/a:1", pull: "always", registryAuth: { username: "u", password: UNKNOWN } };
    expect(await imageForDiff(client, inputs)).toMatchObject(facts);
  });
});
