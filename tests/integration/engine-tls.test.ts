// Remote engines: the provider reaches the shared engine through a TLS proxy on 127.0.0.1 that requires client
// certificates (like `dockerd --tlsverify`), chosen by a resource's host/tls, by DOCKER_HOST & co, and refused
// with a wrong CA or without a client certificate.
import { commitProvider } from "../../provider/commit";
import { dockerClient } from "../../provider/docker/client";
import { docker, IMAGE_PREFIX, TEST_LABEL, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";
import { makePki, startTlsProxy, type Pki, type TlsProxy } from "../support/tls";

let pki: Pki;
let proxy: TlsProxy;
const created: string[] = [];

beforeAll(async () => {
  pki = makePki();
  proxy = await startTlsProxy(pki);
});

afterAll(async () => {
  for (const id of created) await docker.getContainer(id).remove({ force: true, v: true }).catch(() => undefined);
  await proxy.stop();
  pki.cleanup();
});

const tls = () => ({ ca: pki.ca, cert: pki.clientCert, key: pki.clientKey });

/** Containers of this run with a marker label: proof of what exists on the engine, seen over the local socket. */
async function withMarker(marker: string) {
  return docker.listContainers({ all: true, filters: JSON.stringify({ label: [`dw-marker=${marker}`] }) });
}

async function createVia(extra: Record<string, unknown>) {
  const inputs = await checkedInputs({ image: BASE_IMAGE, ...extra });
  const result = await provider.create(inputs);
  created.push(result.id);
  return { inputs, ...result };
}

function withEnv<T>(env: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(env);
  return work().finally(() => apply(saved));
}

describe("a container on a tcp:// engine with TLS", () => {
  test("create, diff, update in place and delete all go through the TLS endpoint", async () => {
    const before = proxy.accepted;
    const { inputs, id, outs } = await createVia({ host: proxy.url, tls: tls(), labels: { "dw-marker": "tls-crud" } });
    expect(proxy.accepted).toBeGreaterThan(before);
    const info = await docker.getContainer(id).inspect();
    expect(info.State.Running).toBe(true);
    expect(outs).toMatchObject({ host: proxy.url, status: "running" });

    const client = await dockerClient(inputs);
    expect(client.endpoint).toBe(proxy.url);
    // Negotiated: the lower of the engine's version and the newest this code knows.
    expect(client.apiVersion).toBe((await docker.version()).ApiVersion);

    const same = await provider.diff(id, outs, await nextInputs(inputs, {}));
    expect(same).toMatchObject({ changes: false, replaces: [] });

    const stopped = await nextInputs(inputs, { state: "stopped" });
    const change = await provider.diff(id, outs, stopped);
    expect(change).toMatchObject({ changes: true, replaces: [] });
    const atUpdate = proxy.accepted;
    const updated = await provider.update(id, outs, stopped);
    expect(proxy.accepted).toBeGreaterThan(atUpdate);
    expect(updated.outs.status).toBe("exited");
    expect((await docker.getContainer(id).inspect()).Id).toBe(id);

    const atDelete = proxy.accepted;
    await provider.delete(id, updated.outs);
    expect(proxy.accepted).toBeGreaterThan(atDelete);
    expect(await withMarker("tls-crud")).toHaveLength(0);
  });

  test("one client per engine and TLS material: another spelling of the URL shares it, other material does not", async () => {
    // Each resource gets its own deadline wrapper; underneath, the connection (the modem) is what is shared.
    const connection = async (inputs: Record<string, unknown>) => Object.getPrototypeOf((await dockerClient(inputs)).docker.modem);
    const a = await connection({ host: proxy.url, tls: tls() });
    expect(await connection({ host: ` TCP://127.0.0.1:${proxy.port}/`, tls: { ...tls(), verify: true } })).toBe(a);
    expect(await connection({ host: proxy.url, tls: { ...tls(), verify: false } })).not.toBe(a);
  });

  test("an engine certificate from another CA is refused with a message naming the endpoint; nothing is created", async () => {
    const inputs = await checkedInputs({
      image: BASE_IMAGE,
      host: proxy.url,
      tls: { ...tls(), ca: pki.otherCa },
      labels: { "dw-marker": "wrong-ca" },
    });
    const err: Error = await provider.create(inputs).then(() => undefined, (e) => e);
    expect(err.message).toContain(`cannot reach the Docker engine at ${proxy.url}`);
    expect(err.message).toMatch(/certificate/i);
    expect(err.message).toMatch(/check tls\.ca/);
    expect(err.message).not.toContain(pki.clientKey.split("\n")[1]);
    expect(await withMarker("wrong-ca")).toHaveLength(0);
  });

  test("verify: false accepts the engine's certificate without checking it (the client certificate still counts)", async () => {
    const client = await dockerClient({ host: proxy.url, tls: { cert: pki.clientCert, key: pki.clientKey, verify: false } });
    expect((await client.docker.ping()).toString()).toBe("OK");
  });

  test("without a client certificate the engine refuses the connection; nothing is created", async () => {
    const refusedBefore = proxy.refused;
    const inputs = await checkedInputs({ image: BASE_IMAGE, host: proxy.url, tls: { ca: pki.ca }, labels: { "dw-marker": "no-cert" } });
    const err: Error = await provider.create(inputs).then(() => undefined, (e) => e);
    expect(err.message).toContain(`cannot reach the Docker engine at ${proxy.url}: the engine ended the TLS handshake (alert "certificate required")`);
    expect(err.message).toMatch(/requires a client certificate \(tls\.cert and tls\.key\)/);
    expect(proxy.refused).toBeGreaterThan(refusedBefore);
    expect(await withMarker("no-cert")).toHaveLength(0);
  });

  test("a client certificate from another CA is refused as well", async () => {
    const err: Error = await dockerClient({ host: proxy.url, tls: { ca: pki.ca, cert: pki.strangerCert, key: pki.strangerKey } }).then(
      () => undefined,
      (e) => e,
    );
    expect(err.message).toContain(`cannot reach the Docker engine at ${proxy.url}`);
    expect(err.message).not.toContain(pki.strangerKey.split("\n")[1]);
  });

  test("changing the engine replaces the container: the old one is removed through the old engine", async () => {
    const { inputs, id, outs } = await createVia({ host: proxy.url, tls: tls(), labels: { "dw-marker": "move" } });
    // The same daemon, but through another endpoint: another engine as far as the resource is concerned.
    const local = await nextInputs(inputs, { host: "unix:///var/run/docker.sock", tls: undefined });
    const moved = await provider.diff(id, outs, local);
    expect(moved.replaces).toContain("host");
    const next = await provider.create(local);
    created.push(next.id);
    const atDelete = proxy.accepted;
    await provider.delete(id, outs);
    expect(proxy.accepted).toBeGreaterThan(atDelete);
    expect((await withMarker("move")).map((c) => c.Id)).toEqual([next.id]);
    await provider.delete(next.id, next.outs);
  });

  test("new TLS material for the same engine (rotation) is no replacement", async () => {
    const { inputs, id, outs } = await createVia({ host: proxy.url, tls: tls(), labels: { "dw-marker": "rotate" } });
    const rotated = await nextInputs(inputs, { tls: { ...tls(), verify: true } });
    expect((await provider.diff(id, outs, rotated)).replaces).toEqual([]);
    await provider.delete(id, outs);
  });
});

describe("ssh:// engines", () => {
  // No sshd runs here (openssh-server is not installed): the form is accepted and a dead endpoint is a clear error.
  test("an ssh:// host that does not answer is an error naming the endpoint; nothing is created", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, host: "ssh://deploy@127.0.0.1:1", labels: { "dw-marker": "ssh" } });
    await expect(provider.create(inputs)).rejects.toThrow(
      "cannot reach the Docker engine at ssh://deploy@127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1. Check that an engine answers there (chosen by host input), then run `pulumi up` again.",
    );
    expect(await withMarker("ssh")).toHaveLength(0);
  });
});

describe("DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH", () => {
  test("a container without host goes to DOCKER_HOST with the certificates of DOCKER_CERT_PATH", async () => {
    await withEnv({ DOCKER_HOST: proxy.url, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: pki.certDir }, async () => {
      const before = proxy.accepted;
      const { id, outs } = await createVia({ labels: { "dw-marker": "env" } });
      expect(proxy.accepted).toBeGreaterThan(before);
      expect((await dockerClient({})).endpoint).toBe(proxy.url);
      expect(outs.host).toBeUndefined();
      await provider.delete(id, outs);
    });
    expect(await withMarker("env")).toHaveLength(0);
    expect((await dockerClient({})).endpoint).toBe("unix:///var/run/docker.sock");
  });

  test("DOCKER_TLS_VERIFY with a certificate directory that has no ca.pem is a clear error", async () => {
    await withEnv({ DOCKER_HOST: proxy.url, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/nonexistent-dir" }, async () => {
      await expect(dockerClient({})).rejects.toThrow(/cannot choose the Docker engine: DOCKER_TLS_VERIFY is set but \/nonexistent-dir\/ca\.pem does not exist/);
    });
  });

  test("DOCKER_HOST over TLS without DOCKER_TLS_VERIFY and without certificates is refused by the engine", async () => {
    await withEnv({ DOCKER_HOST: proxy.url, DOCKER_TLS_VERIFY: undefined, DOCKER_CERT_PATH: undefined, DOCKER_TLS: undefined }, async () => {
      await expect(dockerClient({})).rejects.toThrow(`cannot reach the Docker engine at tcp://127.0.0.1:${proxy.port}`);
    });
  });

  test("a resource's own host wins over DOCKER_HOST", async () => {
    await withEnv({ DOCKER_HOST: "tcp://127.0.0.1:1", DOCKER_TLS_VERIFY: undefined, DOCKER_CERT_PATH: undefined }, async () => {
      const client = await dockerClient({ host: proxy.url, tls: tls() });
      expect(client.endpoint).toBe(proxy.url);
      expect((await client.docker.ping()).toString()).toBe("OK");
    });
  });
});

describe("ContainerCommit on a remote engine", () => {
  test("commits on the container's engine, and its image is removed there", async () => {
    const source = await createVia({ host: proxy.url, tls: tls(), labels: { "dw-marker": "commit" } });
    const { inputs, failures } = await commitProvider.check({}, {
      __resourceName: "snap",
      container: source.id,
      repository: `${IMAGE_PREFIX}/remote-commit`,
      tag: testLabels()[TEST_LABEL].replace(/[^a-zA-Z0-9_.-]/g, "-"),
      changes: [`LABEL ${TEST_LABEL}=${testLabels()[TEST_LABEL]}`],
      host: proxy.url,
      tls: tls(),
    });
    expect(failures).toEqual([]);
    const before = proxy.accepted;
    const commit = await commitProvider.create(inputs);
    expect(proxy.accepted).toBeGreaterThan(before);
    expect((await docker.getImage(commit.id).inspect()).Id).toBe(commit.id);
    expect(commit.outs).toMatchObject({ host: proxy.url });

    const moved = await commitProvider.diff(commit.id, commit.outs, { ...inputs, host: "unix:///var/run/docker.sock", tls: undefined });
    expect(moved.replaces).toContain("host");
    const rotated = await commitProvider.diff(commit.id, commit.outs, { ...inputs, tls: { ...tls(), verify: true } });
    expect(rotated).toMatchObject({ changes: true, replaces: [] });

    const atDelete = proxy.accepted;
    await commitProvider.delete(commit.id, commit.outs);
    expect(proxy.accepted).toBeGreaterThan(atDelete);
    await expect(docker.getImage(commit.id).inspect()).rejects.toThrow();
    await provider.delete(source.id, source.outs);
  });
});
