// Issue 14 (part A) against the real engine: what the engine gets for host addresses, which duplicate host ports
// it cannot start, networks that do not exist, a daemon's own /dev/shm size, the smallest CPU limit that runs, and
// user keys such as __proto__ reaching it intact. (The check-only cases are in tests/unit/inputs-edge-cases.test.ts.)
import { createServer } from "net";
import { networkInterfaces } from "os";
import * as engineLog from "../../provider/engine-log";
import { check } from "../../provider/container/check";
import { parsePort, portKey } from "../../provider/container/forms/ports";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider } from "../support/provider";
import { dockerClient } from "../../provider/docker/client";

const run = testLabels()["dockwright-test"];
const MiB = 1024 * 1024;

/** Whether this host has an IPv6 loopback (where it has none, the engine binds IPv4 only). */
const ipv6 = Object.values(networkInterfaces()).some((list) => list?.some((a) => a.family === "IPv6" && a.address === "::1"));

/** A host port free on every address right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** This run's containers with exactly this name (running or not). */
async function containersNamed(name: string): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [name], label: [`dockwright-test=${run}`] }) });
  return list.flatMap((c) => c.Names).filter((n) => n === `/${name}`);
}

describe("1. a port's host address: refused at preview unless it is an IP address, and sent as written", () => {
  test.each(["80:80:80", "localhost:18997:80", "999.1.1.1:8080:80", "abc:8080:80"])("%s fails check: nothing reaches the engine", async (port) => {
    await expect(checkedInputs({ image: BASE_IMAGE, ports: [port] })).rejects.toThrow(/"property":"ports\[0\]","reason":"invalid IP address: '[^']+'/);
  });

  test("0.0.0.0 is published on IPv4 only, [::1] on the IPv6 loopback only, no address on both families", async () => {
    const [v4, v6, all] = [await freePort(), await freePort(), await freePort()];
    const ports = [`0.0.0.0:${v4}:80`, `${all}:81`, ...(ipv6 ? [`[::1]:${v6}:80`] : [])];
    const inputs = await checkedInputs({ image: BASE_IMAGE, ports });
    const { id, outs } = await provider.create(inputs);
    const info = await docker.getContainer(id).inspect();
    // What the engine was sent, and holds.
    expect(info.HostConfig.PortBindings).toEqual({
      "80/tcp": [{ HostIp: "0.0.0.0", HostPort: String(v4) }, ...(ipv6 ? [{ HostIp: "::1", HostPort: String(v6) }] : [])],
      "81/tcp": [{ HostIp: "", HostPort: String(all) }],
    });
    // What it bound: 0.0.0.0 has no [::] twin (before the fix, 0.0.0.0 was sent as "", which binds both).
    const bound = info.NetworkSettings.Ports as Record<string, { HostIp: string; HostPort: string }[]>;
    expect(bound["80/tcp"].filter((b) => b.HostPort === String(v4))).toEqual([{ HostIp: "0.0.0.0", HostPort: String(v4) }]);
    if (ipv6) expect(bound["80/tcp"].filter((b) => b.HostPort === String(v6))).toEqual([{ HostIp: "::1", HostPort: String(v6) }]);
    expect(bound["81/tcp"].map((b) => b.HostIp).sort()).toEqual(ipv6 ? ["0.0.0.0", "::"] : ["0.0.0.0"]);
    // Read back, the same declaration is no change.
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false });
    await provider.delete(id, outs);
  });
});

describe("2. host ports published twice: check refuses exactly what the engine cannot start", () => {
  /** Creates and starts a container with these bindings straight through the Engine API (no check). */
  async function engineStarts(ports: string[]): Promise<boolean> {
    const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const b of ports.flatMap((p) => parsePort(p))) (bindings[portKey(b)] ??= []).push({ HostIp: b.hostIp, HostPort: String(b.host) });
    const container = await docker.createContainer({
      Image: BASE_IMAGE,
      Labels: testLabels(),
      ExposedPorts: Object.fromEntries(Object.keys(bindings).map((k) => [k, {}])),
      HostConfig: { PortBindings: bindings },
    });
    try {
      await container.start();
      return true;
    } catch {
      return false;
    } finally {
      await container.remove({ force: true });
    }
  }

  const cases: [string, (p: number) => string[]][] = [
    ["the same mapping twice", (p) => [`${p}:80`, `${p}:80`]],
    ["one host port for two container ports", (p) => [`${p}:80`, `${p}:81`]],
    ["an address and every address", (p) => [`127.0.0.1:${p}:80`, `${p}:81`]],
    ["0.0.0.0 and an IPv4 address", (p) => [`0.0.0.0:${p}:80`, `127.0.0.1:${p}:81`]],
    ["tcp and udp", (p) => [`${p}:80/tcp`, `${p}:80/udp`]],
    ["two IPv4 addresses", (p) => [`127.0.0.1:${p}:80`, `127.0.0.2:${p}:81`]],
    ["ranges that overlap", (p) => [`${p}-${p + 2}:80-82`, `${p + 2}:90`]],
    ...(ipv6
      ? ([
          ["[::] and 0.0.0.0", (p) => [`[::]:${p}:80`, `0.0.0.0:${p}:81`]],
          ["[::1] and every address", (p) => [`[::1]:${p}:80`, `${p}:81`]],
          ["[::1] and 127.0.0.1", (p) => [`[::1]:${p}:80`, `127.0.0.1:${p}:81`]],
        ] as [string, (p: number) => string[]][])
      : []),
  ];

  test.each(cases)("%s", async (_what, make) => {
    const ports = make(await freePort());
    const refused = check({}, { image: BASE_IMAGE, __resourceName: "it", ports }).failures.length > 0;
    expect({ ports, refused }).toEqual({ ports, refused: !(await engineStarts(ports)) });
  });
});

describe("5. a network that does not exist", () => {
  const missing = `dw-${run}-no-such-net`;

  test.each<[string, string, Record<string, unknown>]>([
    ["the only network", "networks", { networks: [missing] }],
    ["a second network", "networks", { networks: ["bridge", missing] }],
    ["networkMode", "networkMode", { networkMode: missing }],
  ])("as %s: create fails naming %s, and no container is left", async (what, property, declaration) => {
    const name = `dw-${run}-nonet-${what.replace(/\W/g, "")}`;
    const inputs = await checkedInputs({ image: BASE_IMAGE, name, ...declaration });
    await expect(provider.create(inputs)).rejects.toThrow(
      new RegExp(`cannot create container "${name}": ${property}: network "${missing}" does not exist on the engine\\. Nothing was created`),
    );
    expect(await containersNamed(name)).toEqual([]);
  });

  /** The Engine API calls `work` makes on the provider's own client. */
  async function calls(work: () => Promise<unknown>): Promise<string[]> {
    const modem = (await dockerClient()).docker.modem as any;
    const dial = modem.dial;
    const made: string[] = [];
    modem.dial = function (options: { method: string; path: string }, ...rest: unknown[]) {
      made.push(`${options.method} ${options.path.replace(/\?.*$/, "")}`);
      return dial.call(this, options, ...rest);
    };
    try {
      await work();
    } finally {
      modem.dial = dial;
    }
    return made;
  }

  test("the preview of a change onto it warns; a diff with nothing to join looks nothing up", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE });
    const { id, outs } = await provider.create(inputs);
    const log = jest.spyOn(engineLog, "logToEngine");
    try {
      expect((await calls(() => provider.diff(id, outs, inputs))).filter((c) => c.includes("/networks/"))).toEqual([]);
      expect(log.mock.calls.filter(([, severity]) => severity === "warning")).toEqual([]);

      const moved = await checkedInputs({ ...inputs, networks: ["bridge", missing] }, inputs);
      expect(await provider.diff(id, outs, moved)).toMatchObject({ changes: true });
      expect(log.mock.calls.filter(([, severity]) => severity === "warning").map(([message]) => message)).toEqual([
        `container "${outs.name}": networks: network "${missing}" does not exist on the engine: up will fail unless it is created first`,
      ]);
    } finally {
      log.mockRestore();
    }
    // And up fails before touching the container.
    const moved = await checkedInputs({ ...inputs, networks: ["bridge", missing] }, inputs);
    await expect(provider.update(id, outs, moved)).rejects.toThrow(/networks: cannot connect container .* to network "dw-\w+-no-such-net"/);
    expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
    await provider.delete(id, outs);
  });
});

describe("7. shmSize undeclared: the daemon's default is not drift", () => {
  test("a container given another /dev/shm size by its daemon (default-shm-size) matches a declaration without shmSize", async () => {
    // What a daemon started with --default-shm-size=128m gives every container: ShmSize in its HostConfig.
    const container = await docker.createContainer({ Image: BASE_IMAGE, Labels: testLabels(), HostConfig: { ShmSize: 128 * MiB } });
    await container.start();
    const inputs = await checkedInputs({ image: BASE_IMAGE });
    expect(await provider.diff(container.id, inputs, inputs)).toMatchObject({ changes: false, replaces: [] });
    // A declared size is still compared.
    const declared = await checkedInputs({ image: BASE_IMAGE, shmSize: "64m" });
    expect(await provider.diff(container.id, inputs, declared)).toMatchObject({ changes: true, replaces: ["shmSize"] });
    await container.remove({ force: true });
  });
});

describe("8. the smallest CPU limit", () => {
  test("check's minimum, 0.01, is what the kernel runs; below it the engine creates a container that cannot start", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, cpus: 0.01 });
    const { id, outs } = await provider.create(inputs);
    const info = await docker.getContainer(id).inspect();
    expect([info.State.Running, info.HostConfig.NanoCpus]).toEqual([true, 10_000_000]);
    await provider.delete(id, outs);

    expect(check({}, { image: BASE_IMAGE, __resourceName: "it", cpus: 0.009 }).failures).toEqual([{ property: "cpus", reason: expect.stringMatching(/at least 0\.01/) }]);
    const below = await docker.createContainer({ Image: BASE_IMAGE, Labels: testLabels(), HostConfig: { NanoCpus: 9_000_000 } });
    await expect(below.start()).rejects.toThrow(/cfs_quota_us|invalid argument/);
    await below.remove({ force: true });
  });
});

describe("13. user keys reach the engine as keys", () => {
  test("env and labels with __proto__ and constructor keys are sent, held, and read back as no change", async () => {
    const inputs = await checkedInputs({
      image: BASE_IMAGE,
      env: ["__proto__=x", "A=1", "constructor=y"],
      labels: JSON.parse('{"__proto__": "p", "toString": "t"}'),
    });
    const { id, outs } = await provider.create(inputs);
    const info = await docker.getContainer(id).inspect();
    expect(info.Config.Env).toEqual(expect.arrayContaining(["__proto__=x", "A=1", "constructor=y"]));
    expect(Object.entries(info.Config.Labels ?? {})).toEqual(expect.arrayContaining([["__proto__", "p"], ["toString", "t"]]));
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false });
    // Removing the __proto__ variable is a change, as any other.
    const without = await checkedInputs({ ...inputs, env: ["A=1", "constructor=y"] }, inputs);
    expect(await provider.diff(id, outs, without)).toMatchObject({ changes: true, replaces: ["env"] });
    await provider.delete(id, outs);
  });
});
