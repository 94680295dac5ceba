// Networks change in place (connect, reconnect, disconnect) with the process kept running; DNS, host entries,
// MAC address and exposed ports are held by the engine, idempotent in every form, and replace on change.
import { docker, eventually, testLabels } from "../support/engine";
import { testNetwork } from "../support/networks";
import { execIn } from "../support/exec";
import { BASE_IMAGE, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs, readFromEngine } from "../support/provider";

const run = testLabels()["dockwright-test"];
const netA = `dw-${run}-a`;
const netB = `dw-${run}-b`;
const netC = `dw-${run}-c`;
let nets: Awaited<ReturnType<typeof testNetwork>>[] = [];
let ip = (_n: number) => "";

beforeAll(async () => {
  nets = [await testNetwork(netA, { subnet: true }), await testNetwork(netB), await testNetwork(netC)];
  ip = nets[0].address;
});

afterAll(async () => {
  for (const net of nets) await net.remove();
});

async function attachments(id: string) {
  const info = await docker.getContainer(id).inspect();
  return { info, names: Object.keys(info.NetworkSettings.Networks).sort() };
}

test("several networks at create, then joined, reconfigured and left in place while the process keeps running", async () => {
  const peer = await provider.create(await checkedInputs({ image: BASE_IMAGE, networks: [netA] }));
  const peerName = String(peer.outs.name);
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    networks: [{ name: netA, aliases: ["web", "www"], ipv4Address: ip(10), links: [peerName] }, netB],
  });
  const { id, outs } = await provider.create(inputs);
  let { info, names } = await attachments(id);
  expect(names).toEqual([netA, netB]);
  expect(info.NetworkSettings.Networks[netA]).toMatchObject({ IPAddress: ip(10), Links: [`${peerName}:${peerName}`] });
  // The alias resolves for another container on the network (the engine's DNS).
  expect((await execIn(peer.id, ["ping", "-c", "1", "-W", "2", "www"])).output).toContain(ip(10));

  // Same declaration in other forms: order, duplicates, link spelled out.
  const same = await nextInputs(inputs, {
    networks: [netB, { name: netA, aliases: ["www", "web", "web"], ipv4Address: ip(10), links: [`${peerName}:${peerName}`] }],
  });
  expect(await provider.diff(id, outs, same)).toMatchObject({ changes: false });

  const startedAt = info.State.StartedAt;
  const next = await nextInputs(inputs, { networks: [{ name: netA, aliases: ["api"], ipv4Address: ip(11) }, netC] });
  expect(await provider.diff(id, outs, next)).toMatchObject({ changes: true, replaces: [] });
  await provider.update(id, outs, next);
  ({ info, names } = await attachments(id));
  expect(names).toEqual([netA, netC]);
  expect(info.State).toMatchObject({ Running: true, StartedAt: startedAt });
  expect(info.NetworkSettings.Networks[netA].IPAddress).toBe(ip(11));
  expect((await execIn(peer.id, ["ping", "-c", "1", "-W", "2", "api"])).output).toContain(ip(11));
  expect((await provider.diff(id, outs, next)).changes).toBe(false);

  // Leaving every declared network for the default bridge is in place too.
  const bridge = await nextInputs(next, { networks: undefined });
  expect(await provider.diff(id, outs, bridge)).toMatchObject({ changes: true, replaces: [] });
  await provider.update(id, outs, bridge);
  expect((await attachments(id)).names).toEqual(["bridge"]);
  await provider.delete(id, outs);
  await provider.delete(peer.id, peer.outs);
});

test("a network joined outside Pulumi is drift, and update disconnects it", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE });
  const { id, outs } = await provider.create(inputs);
  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  await docker.getNetwork(netB).connect({ Container: id });
  expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: [] });
  await provider.update(id, outs, inputs);
  expect((await attachments(id)).names).toEqual(["bridge"]);
  await provider.delete(id, outs);
});

test("network modes: host, none and another container's stack (named, compared as its id)", async () => {
  const peer = await provider.create(await checkedInputs({ image: BASE_IMAGE }));
  for (const mode of ["host", "none", `container:${peer.outs.name}`]) {
    const inputs = await checkedInputs({ image: BASE_IMAGE, networkMode: mode });
    const { id, outs } = await provider.create(inputs);
    const info = await docker.getContainer(id).inspect();
    expect([mode, info.State.Running]).toEqual([mode, true]);
    expect([mode, (await provider.diff(id, outs, inputs)).changes]).toEqual([mode, false]);
    // Refresh rebuilds the inputs that would make this container: the mode alone, no networks beside it.
    expect([mode, (await provider.read(id, outs)).inputs]).toEqual([mode, inputs]);
    const refreshed = (await readFromEngine(id, outs)).inputs!;
    expect([mode, refreshed.networkMode, refreshed.networks]).toEqual([mode, expect.stringMatching(/^(host|none|container:\w{64})$/), undefined]);
    const back = await provider.diff(id, outs, await nextInputs(inputs, { networkMode: "bridge" }));
    expect([mode, back.replaces]).toEqual([mode, ["networkMode"]]);
    await provider.delete(id, outs);
  }
  // A user network as networkMode is the same as declaring it as the only network.
  const inputs = await checkedInputs({ image: BASE_IMAGE, networkMode: netA });
  const { id, outs } = await provider.create(inputs);
  expect((await attachments(id)).names).toEqual([netA]);
  expect((await provider.diff(id, outs, await nextInputs(inputs, { networkMode: undefined, networks: [netA] }))).changes).toBe(false);
  await provider.delete(id, outs);
  await provider.delete(peer.id, peer.outs);
});

test("dns, search domains, resolver options, host entries, MAC address and exposed ports", async () => {
  const inputs = await checkedInputs({
    image: RICH_IMAGE,
    dns: ["10.9.8.7", "10.9.8.6"],
    dnsSearch: ["svc.internal", "internal"],
    dnsOptions: ["ndots:2", "timeout:1"],
    extraHosts: { "db.internal": "10.1.2.3", gw: "host-gateway" },
    macAddress: "02:42:AC:11:00:99",
    exposedPorts: [7000, "7001/udp", 8080],
    ports: ["127.0.0.1::9000"],
  });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.HostConfig).toMatchObject({ Dns: ["10.9.8.7", "10.9.8.6"], DnsSearch: ["svc.internal", "internal"] });
  expect(Object.keys(info.Config.ExposedPorts ?? {}).sort()).toEqual(["7000/tcp", "7001/udp", "8080/tcp", "9000/tcp", "9090/udp"]);
  const resolv = (await execIn(id, ["cat", "/etc/resolv.conf"])).output;
  expect(resolv).toMatch(/nameserver 10\.9\.8\.7\s+nameserver 10\.9\.8\.6/);
  expect(resolv).toMatch(/search svc\.internal internal/);
  expect(resolv).toMatch(/options ndots:2 timeout:1/);
  expect((await execIn(id, ["cat", "/etc/hosts"])).output).toMatch(/10\.1\.2\.3\s+db\.internal/);
  expect((await execIn(id, ["cat", "/sys/class/net/eth0/address"])).output.trim()).toBe("02:42:ac:11:00:99");

  const same = await nextInputs(inputs, {
    dnsOptions: ["timeout:1", "ndots:2"],
    extraHosts: ["gw:host-gateway", "db.internal:10.1.2.3"],
    macAddress: "02:42:ac:11:00:99",
    exposedPorts: ["7001/udp", "7000/tcp", 8080, 9000],
  });
  expect(await provider.diff(id, outs, same)).toMatchObject({ changes: false });

  const changes: Record<string, unknown> = {
    dns: ["10.9.8.6", "10.9.8.7"],
    dnsSearch: ["internal"],
    dnsOptions: ["ndots:1"],
    extraHosts: { "db.internal": "10.1.2.4" },
    macAddress: "02:42:ac:11:00:98",
    exposedPorts: [7000],
    publishAllPorts: true,
    networkDisabled: true,
  };
  for (const [key, value] of Object.entries(changes)) {
    const d = await provider.diff(id, outs, await nextInputs({ ...inputs, ports: key === "networkDisabled" ? undefined : inputs.ports }, { [key]: value }));
    expect([key, d.replaces.filter((k) => k !== "ports")]).toEqual([key, [key]]);
  }
  await provider.delete(id, outs);
});

test("publishAllPorts binds every exposed port to a free host port", async () => {
  const inputs = await checkedInputs({ image: RICH_IMAGE, publishAllPorts: true });
  const { id, outs } = await provider.create(inputs);
  const bound = await eventually("published ports", async () => {
    const ports = (await docker.getContainer(id).inspect()).NetworkSettings.Ports ?? {};
    return Object.keys(ports).length ? ports : undefined;
  });
  expect(Object.keys(bound).sort()).toEqual(["8080/tcp", "9090/udp"]);
  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  await provider.delete(id, outs);
});

test("a reconnect the engine refuses keeps the old attachment, and the change is still pending", async () => {
  const holder = await provider.create(await checkedInputs({ image: BASE_IMAGE, networks: [{ name: netA, ipv4Address: ip(30) }] }));
  const inputs = await checkedInputs({ image: BASE_IMAGE, networks: [{ name: netA, ipv4Address: ip(20) }] });
  const { id, outs } = await provider.create(inputs);
  const taken = await nextInputs(inputs, { networks: [{ name: netA, ipv4Address: ip(30) }] });
  await expect(provider.update(id, outs, taken)).rejects.toThrow(/cannot connect container "it-\w+" to network "dw-\w+-a"/);
  const info = await docker.getContainer(id).inspect();
  expect(info.NetworkSettings.Networks[netA]).toMatchObject({ IPAddress: ip(20) });
  expect(info.NetworkSettings.Networks[netA].EndpointID).not.toBe("");
  expect(await provider.diff(id, outs, taken)).toMatchObject({ changes: true, replaces: [] });
  await provider.delete(id, outs);
  await provider.delete(holder.id, holder.outs);
});
