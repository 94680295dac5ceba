// Through the real host: containers and commits on an engine reached over TLS (a proxy on 127.0.0.1 that requires
// client certificates, in front of the shared engine), chosen per resource or by the stack config; the TLS key
// stays a secret; a wrong CA is refused before anything is created; changing the engine replaces.
import * as pulumi from "@pulumi/pulumi";
import { Container, ContainerCommit } from "dockwright";
import { docker, IMAGE_PREFIX, TEST_LABEL, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { makeCheckout, type Checkout } from "../support/checkout";
import { ProviderHost, type Props } from "../support/host";
import { TestStack } from "../support/stack";
import { EngineLogServer } from "../support/engine-log";
import { makePki, startTlsProxy, type Pki, type TlsProxy } from "../support/tls";

const RUN = testLabels()[TEST_LABEL];
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

let pki: Pki;
let proxy: TlsProxy;
let checkout: Checkout;
let engine: EngineLogServer;
let host: ProviderHost;
const hosts: ProviderHost[] = [];
const stacks: TestStack[] = [];

beforeAll(async () => {
  pki = makePki();
  proxy = await startTlsProxy(pki);
  checkout = makeCheckout({ copy: false });
  engine = await EngineLogServer.start();
  host = await ProviderHost.start({ cwd: checkout.dir, engineAddress: engine.address });
});

afterAll(async () => {
  for (const stack of stacks) await stack.destroy().catch(() => undefined);
  for (const h of [host, ...hosts]) await h?.stop();
  await engine?.stop();
  await proxy?.stop();
  checkout?.remove();
  pki?.cleanup();
  for (const image of await docker.listImages({ all: true, filters: JSON.stringify({ label: [`${TEST_LABEL}=${RUN}`] }) })) {
    await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
});

function newStack(on: ProviderHost = host): TestStack {
  const stack = new TestStack(on, { stack: `remote-${stacks.length}` });
  stacks.push(stack);
  return stack;
}

/** One line of the key's base64 body: if it shows up anywhere, the key leaked. */
const keyLine = () => pki.clientKey.split("\n")[1];
const tls = () => ({ ca: pki.ca, cert: pki.clientCert, key: pki.clientKey });
const messages = () => engine.take().map((e) => `${e.severity}: ${e.message}`);

/** What the real engine writes to the state file in plain text: everything except the properties marked secret. */
function plainState(stack: TestStack): string {
  const visible = (props: Props, secret: string[]) => Object.fromEntries(Object.entries(props).filter(([k]) => !secret.includes(k)));
  return JSON.stringify(stack.state.map((r) => [visible(r.inputs, r.secretKeys), visible(r.outputs, r.secretKeys)]));
}

test("a container and its commit on a TLS engine: created, unchanged on the next run, the key a secret, destroyed there", async () => {
  const stack = newStack();
  const seen: boolean[] = [];
  const program = () => {
    // Both resources get the key in plain text: the SDK makes it a secret.
    const web = new Container("web", { image: BASE_IMAGE, labels: testLabels(), host: proxy.url, tls: tls() });
    const snap = new ContainerCommit("snap", {
      container: web.id,
      repository: `${IMAGE_PREFIX}/remote-${RUN}`.toLowerCase(),
      changes: [`LABEL ${TEST_LABEL}=${RUN}`],
      host: proxy.url,
      tls: tls(),
    });
    for (const resource of [web, snap]) pulumi.isSecret((resource as unknown as { tls: pulumi.Output<unknown> }).tls).then((s) => seen.push(s));
  };
  const before = proxy.accepted;
  const first = await stack.up(program);
  expect(first.steps).toEqual({ web: { op: "create" }, snap: { op: "create" } });
  expect(proxy.accepted).toBeGreaterThan(before);
  const web = stack.resource("web")!;
  expect((await docker.getContainer(web.id).inspect()).State.Running).toBe(true);
  expect((await docker.getImage(stack.resource("snap")!.id).inspect()).Config.Labels?.[TEST_LABEL]).toBe(RUN);

  // Secret in state and in the program's outputs; nowhere in plain text.
  // logs: a secret whenever any input is (it may print one).
  expect(web.secretKeys).toEqual(["logs", "tls"]);
  expect(stack.resource("snap")!.secretKeys).toEqual(["tls"]);
  expect(seen).toEqual([true, true]);
  expect(plainState(stack)).toContain(proxy.url);
  expect(plainState(stack)).not.toContain(keyLine());

  const second = await stack.up(program);
  expect(second.steps).toEqual({ web: { op: "same" }, snap: { op: "same" } });
  expect((await stack.preview(program)).steps).toEqual({ web: { op: "same" }, snap: { op: "same" } });
  expect((await stack.refresh()).steps).toEqual({ web: { op: "refresh", changed: false }, snap: { op: "refresh", changed: false } });

  const atDestroy = proxy.accepted;
  await stack.destroy();
  expect(proxy.accepted).toBeGreaterThan(atDestroy);
  await expect(docker.getContainer(web.id).inspect()).rejects.toThrow();
  expect(messages().join("\n")).not.toContain(keyLine());
  expect(host.stderr).not.toContain(keyLine());
});

test("an engine certificate from another CA is refused with a message naming the endpoint; nothing is created", async () => {
  const stack = newStack();
  const result = await stack.up(
    () => {
      new Container("web", { image: BASE_IMAGE, labels: testLabels(), host: proxy.url, tls: pulumi.secret({ ...tls(), ca: pki.otherCa }) });
    },
    { allowErrors: true },
  );
  expect(result.errors.map((e) => e.message).join("\n")).toMatch(
    new RegExp(`cannot reach the Docker engine at ${proxy.url}: .*certificate.* check tls\\.ca`),
  );
  expect(result.errors.map((e) => e.message).join("\n")).not.toContain(keyLine());
  expect(stack.state).toEqual([]);
});

test("changing the engine replaces the container: created on the new one, the old one removed from the old one", async () => {
  const stack = newStack();
  const program = (engineArgs: { host?: string; tls?: pulumi.Input<Props> }) => () => {
    new Container("web", { image: BASE_IMAGE, labels: testLabels(), ...engineArgs });
  };
  await stack.up(program({ host: proxy.url, tls: pulumi.secret(tls()) }));
  const old = stack.resource("web")!.id;

  const preview = await stack.preview(program({}));
  expect(preview.steps.web).toMatchObject({ op: "replace", replaces: ["host"] });
  expect(messages()).toContainEqual(expect.stringMatching(/host: changed \(replace\)/));

  // Count the TLS connections made while the host deletes: the old container must be removed through its engine.
  const deleteCall = host.delete.bind(host);
  let duringDelete = 0;
  host.delete = async (...args: Parameters<ProviderHost["delete"]>) => {
    const at = proxy.accepted;
    await deleteCall(...args);
    duringDelete += proxy.accepted - at;
  };
  let moved;
  try {
    moved = await stack.up(program({}));
  } finally {
    host.delete = deleteCall;
  }
  expect(moved.steps.web).toMatchObject({ op: "replace", replaces: ["host"] });
  expect(duringDelete).toBeGreaterThan(0);
  await expect(docker.getContainer(old).inspect()).rejects.toThrow();
  expect((await docker.getContainer(stack.resource("web")!.id).inspect()).State.Running).toBe(true);
  expect(stack.resource("web")!.outputs.host).toBeUndefined();
  await stack.destroy();
});

test("the stack config dockwright:host and dockwright:tls (a secret) pick the engine of resources without host", async () => {
  const configured = await ProviderHost.start({
    cwd: checkout.dir,
    engineAddress: engine.address,
    config: {
      "dockwright:host": proxy.url,
      // As the engine sends secret structured config: JSON text, wrapped as a secret.
      "dockwright:tls": { [SECRET_SIG_KEY]: SECRET_SIG, value: JSON.stringify(tls()) },
    },
  });
  hosts.push(configured);
  const stack = newStack(configured);
  const program = () => {
    new Container("web", { image: BASE_IMAGE, labels: testLabels() });
  };
  const before = proxy.accepted;
  await stack.up(program);
  expect(proxy.accepted).toBeGreaterThan(before);
  const id = stack.resource("web")!.id;
  expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  expect(stack.resource("web")!.outputs.host).toBeUndefined();
  expect(plainState(stack)).not.toContain(keyLine());
  expect((await stack.up(program)).steps.web).toEqual({ op: "same" });

  const atDestroy = proxy.accepted;
  await stack.destroy();
  expect(proxy.accepted).toBeGreaterThan(atDestroy);
  await expect(docker.getContainer(id).inspect()).rejects.toThrow();
  expect(configured.stderr).not.toContain(keyLine());
});
