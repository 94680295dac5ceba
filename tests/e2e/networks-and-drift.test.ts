// Through the real host: network changes are updates that keep the container and its process; changes made
// outside Pulumi (network disconnect, rename, docker update, stop, rm) are named by the preview and converged by up.
import { Container, type ContainerArgs } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { EngineLogServer } from "../support/engine-log";
import { execIn } from "../support/exec";
import { testNetwork } from "../support/networks";
import { BASE_IMAGE } from "../support/images";
import { makeCheckout, type Checkout } from "../support/checkout";
import { ProviderHost } from "../support/host";
import { TestStack } from "../support/stack";

const run = testLabels()["dockwright-test"];
const front = `dw-e2e-${run}-front`;
const back = `dw-e2e-${run}-back`;

let nets: Awaited<ReturnType<typeof testNetwork>>[] = [];
let staticIp = "";
let checkout: Checkout;
let engine: EngineLogServer;
let host: ProviderHost;
let stack: TestStack;

beforeAll(async () => {
  nets = [await testNetwork(front), await testNetwork(back, { subnet: true })];
  staticIp = nets[1].address(20);
  checkout = makeCheckout({ copy: false });
  engine = await EngineLogServer.start();
  host = await ProviderHost.start({ cwd: checkout.dir, engineAddress: engine.address });
  stack = new TestStack(host);
});

afterAll(async () => {
  await stack?.destroy().catch(() => undefined);
  await host?.stop();
  await engine?.stop();
  checkout?.remove();
  for (const net of nets) await net.remove();
});

const program = (api: Partial<ContainerArgs>) => () => {
  new Container("api", { image: BASE_IMAGE, labels: testLabels(), name: `dw-e2e-${run}-api`, ...api });
  new Container("client", { image: BASE_IMAGE, labels: testLabels(), networks: [front, back] });
};

const messages = () => engine.take().map((e) => e.message);

async function pidOf(id: string): Promise<number> {
  return (await docker.getContainer(id).inspect()).State.Pid;
}

test("join, leave, aliases and a static address change in place; the other container reaches the new alias", async () => {
  const first = program({ networks: [{ name: front, aliases: ["api"] }] });
  expect((await stack.up(first)).steps).toEqual({ api: { op: "create" }, client: { op: "create" } });
  const api = stack.resource("api")!.id;
  const client = stack.resource("client")!.id;
  const pid = await pidOf(api);
  expect((await execIn(client, ["ping", "-c", "1", "-W", "2", "api"])).output).toMatch(/1 packets received/);
  expect((await stack.up(first)).steps).toEqual({ api: { op: "same" }, client: { op: "same" } });

  const second = program({ networks: [{ name: back, aliases: ["backend"], ipv4Address: staticIp }] });
  engine.take();
  expect((await stack.preview(second)).steps.api).toEqual({ op: "update" });
  expect(messages()).toEqual([
    `container "dw-e2e-${run}-api": networks: ${front}(api) -> ${back}(backend)@${staticIp} (in place, network)`,
  ]);
  const up = await stack.up(second);
  expect(up.steps).toEqual({ api: { op: "update" }, client: { op: "same" } });
  expect(stack.resource("api")!.id).toBe(api);
  expect(await pidOf(api)).toBe(pid);
  expect(Object.keys(up.outputs.api.networks)).toEqual([back]);
  expect(up.outputs.api.networks[back]).toMatchObject({ ipAddress: staticIp, aliases: ["backend"] });
  const ping = await execIn(client, ["ping", "-c", "1", "-W", "2", "backend"]);
  expect(ping.output).toContain(staticIp);
  expect((await stack.up(second)).steps.api).toEqual({ op: "same" });
});

test("drift made outside Pulumi is named by the preview and converged by up", async () => {
  const declared = program({ networks: [{ name: back, aliases: ["backend"], ipv4Address: staticIp }], memory: "64m" });
  await stack.up(declared);
  const api = stack.resource("api")!.id;
  const pid = await pidOf(api);
  const container = docker.getContainer(api);

  // Disconnected, renamed and a limit changed: all three come back in place, same process.
  await docker.getNetwork(back).disconnect({ Container: api });
  await container.rename({ name: `dw-e2e-${run}-renamed` });
  await container.update({ Memory: 96 * 1024 * 1024, MemorySwap: 192 * 1024 * 1024 });
  engine.take();
  expect((await stack.preview(declared)).steps.api).toEqual({ op: "update" });
  expect(messages()).toEqual([
    `container "dw-e2e-${run}-renamed": name: "dw-e2e-${run}-renamed" -> "dw-e2e-${run}-api" (changed outside Pulumi; in place, rename); ` +
      // The stored networks output is what the engine reported, not the declaration: drift there is not told apart.
      `networks: no network -> ${back}(backend)@${staticIp} (in place, network); ` +
      `memory: 96m -> 64m (changed outside Pulumi; in place)`,
  ]);
  expect((await stack.up(declared)).steps.api).toEqual({ op: "update" });
  let info = await container.inspect();
  expect(info.State.Pid).toBe(pid);
  expect(info.Name).toBe(`/dw-e2e-${run}-api`);
  expect(Object.keys(info.NetworkSettings.Networks)).toEqual([back]);
  expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);

  // Stopped outside Pulumi: started again in place.
  engine.take();
  await container.stop();
  expect((await stack.preview(declared)).steps.api).toEqual({ op: "update" });
  expect(messages()).toEqual([`container "dw-e2e-${run}-api": state: "stopped" -> "running" (changed outside Pulumi; in place, run state)`]);
  await stack.up(declared);
  info = await container.inspect();
  expect(info.State.Running).toBe(true);

  // Removed outside Pulumi: recreated with everything declared.
  await container.remove({ force: true });
  expect((await stack.preview(declared)).steps.api).toMatchObject({ op: "replace" });
  expect(messages().join("\n")).toMatch(/no longer exists on the engine: it will be created again/);
  await stack.up(declared);
  const recreated = await docker.getContainer(stack.resource("api")!.id).inspect();
  expect(recreated.Id).not.toBe(api);
  expect(recreated.NetworkSettings.Networks[back].IPAddress).toBe(staticIp);
  expect((await stack.up(declared)).steps.api).toEqual({ op: "same" });
});
