// Every example program, as written, through the real host: up, up again ("same"), the change its README describes
// (the expected steps), destroy. Images come from config (the examples' defaults are public images, not available
// offline here), and every container carries the test label through the examples' `labels` config.
import * as pulumi from "@pulumi/pulumi";
import { freePort } from "../support/ports";
import { join } from "path";
import { docker, eventually, testLabels } from "../support/engine";
import { execIn } from "../support/exec";
import { BASE_IMAGE } from "../support/images";
import { REPO_ROOT } from "../support/checkout";
import { useProviderHost } from "../support/fixture";
import { TestStack, type Step } from "../support/stack";
import { makePki, startTlsProxy } from "../support/tls";

const fx = useProviderHost();

const run = testLabels()["dockwright-test"];

/** The example's program with this config, loaded fresh on every run as `pulumi up` would. */
function example(name: string, stack: TestStack, config: () => Record<string, unknown>) {
  return () => {
    for (const [key, value] of Object.entries(config())) {
      pulumi.runtime.setConfig(`${stack.project}:${key}`, typeof value === "string" ? value : JSON.stringify(value));
    }
    jest.isolateModules(() => require(join(REPO_ROOT, "examples", name, "index.ts")));
  };
}

const ops = (steps: Record<string, Step>) => Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, s.op]));

test("quickstart: raising memory and cpus is an in-place update of the running server", async () => {
  const stack = new TestStack(fx.host);
  let settings: Record<string, unknown> = { image: BASE_IMAGE, port: await freePort(), labels: testLabels() };
  const program = example("quickstart", stack, () => settings);
  expect(ops((await stack.up(program)).steps)).toEqual({ web: "create" });
  expect(ops((await stack.up(program)).steps)).toEqual({ web: "same" });
  const id = stack.resource("web")!.id;
  const pid = (await docker.getContainer(id).inspect()).State.Pid;

  settings = { ...settings, memory: "256m", cpus: 1 };
  expect(ops((await stack.preview(program)).steps)).toEqual({ web: "update" });
  expect(ops((await stack.up(program)).steps)).toEqual({ web: "update" });
  const info = await docker.getContainer(id).inspect();
  expect([info.State.Pid, info.HostConfig.Memory, info.HostConfig.NanoCpus]).toEqual([pid, 256 * 1024 * 1024, 1e9]);
  expect(ops((await stack.destroy()).steps)).toEqual({ web: "delete" });
});

test("networks: the program declares its network; aliases and a rename change in place; a network change replaces it and moves both containers in place", async () => {
  const stack = new TestStack(fx.host, { project: "dockwright-networks" });
  let settings: Record<string, unknown> = { image: BASE_IMAGE, apiName: `dw-ex-${run}-api`, labels: testLabels() };
  const program = example("networks", stack, () => settings);
  expect(ops((await stack.up(program)).steps)).toEqual({ "app-net": "create", api: "create", client: "create" });
  expect(ops((await stack.up(program)).steps)).toEqual({ "app-net": "same", api: "same", client: "same" });
  const api = stack.resource("api")!.id;
  const client = stack.resource("client")!.id;
  const pids = async () => Promise.all([api, client].map(async (id) => (await docker.getContainer(id).inspect()).State.Pid));
  const before = await pids();
  expect((await execIn(client, ["wget", "-qO-", "http://api:8080/"])).output).toBe("ok\n");

  settings = { ...settings, apiName: `dw-ex-${run}-api-v2`, aliases: ["api", "backend"] };
  expect(ops((await stack.preview(program)).steps)).toEqual({ "app-net": "same", api: "update", client: "same" });
  expect(ops((await stack.up(program)).steps)).toEqual({ "app-net": "same", api: "update", client: "same" });
  const info = await docker.getContainer(api).inspect();
  expect(info.Name).toBe(`/dw-ex-${run}-api-v2`);
  expect(await pids()).toEqual(before);
  expect((await execIn(client, ["wget", "-qO-", "http://backend:8080/"])).output).toBe("ok\n");

  // The network cannot change: a new one is created, both containers move to it in place, the old one goes last.
  const oldNet = stack.resource("app-net")!;
  settings = { ...settings, tier: "web" };
  expect(ops((await stack.preview(program)).steps)).toEqual({ "app-net": "replace", api: "update", client: "update" });
  const moved = await stack.up(program);
  expect(ops(moved.steps)).toEqual({ "app-net": "replace", api: "update", client: "update" });
  expect(moved.steps["app-net"]).toMatchObject({ replaces: ["labels"], deleteBeforeReplace: false });
  const newNet = stack.resource("app-net")!;
  expect(newNet.outputs.name).not.toBe(oldNet.outputs.name);
  await expect(docker.getNetwork(oldNet.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  expect([stack.resource("api")!.id, stack.resource("client")!.id]).toEqual([api, client]);
  expect(await pids()).toEqual(before);
  for (const id of [api, client]) {
    expect(Object.keys((await docker.getContainer(id).inspect()).NetworkSettings.Networks)).toEqual([newNet.outputs.name]);
  }
  expect((await execIn(client, ["wget", "-qO-", "http://backend:8080/"])).output).toBe("ok\n");
  expect(ops((await stack.up(program)).steps)).toEqual({ "app-net": "same", api: "same", client: "same" });

  expect(ops((await stack.destroy()).steps)).toEqual({ "app-net": "delete", api: "delete", client: "delete" });
  await expect(docker.getNetwork(newNet.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test("data: a named volume keeps what the first container wrote across the container's replacement; destroy removes both", async () => {
  // Its own project: config keys (revision) stay set in this process and the snapshot example reads one too.
  const stack = new TestStack(fx.host, { project: "dockwright-data" });
  let settings: Record<string, unknown> = { image: BASE_IMAGE, labels: testLabels() };
  const program = example("data", stack, () => settings);
  expect(ops((await stack.up(program)).steps)).toEqual({ data: "create", app: "create" });
  expect(ops((await stack.up(program)).steps)).toEqual({ data: "same", app: "same" });
  const volume = stack.resource("data")!.id;
  const first = stack.resource("app")!.id;
  const history = (id: string) => eventually("the start line", async () => {
    const out = (await execIn(id, ["cat", "/data/history"])).output;
    return out.includes(`revision ${settings.revision ?? "1"}`) ? out : undefined;
  });
  expect(await history(first)).toBe("started revision 1\n");

  settings = { ...settings, revision: "2" };
  expect(ops((await stack.up(program)).steps)).toEqual({ data: "same", app: "replace" });
  const second = stack.resource("app")!.id;
  expect(second).not.toBe(first);
  expect(await history(second)).toBe("started revision 1\nstarted revision 2\n");
  expect(stack.resource("data")!.id).toBe(volume);

  expect(ops((await stack.destroy()).steps)).toEqual({ data: "delete", app: "delete" });
  await expect(docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test("snapshot: a prepared workbench is committed, a site runs from the image, a new revision makes a new image", async () => {
  const stack = new TestStack(fx.host);
  const repository = `dw-ex-${run}/site`;
  let settings: Record<string, unknown> = { image: BASE_IMAGE, port: await freePort(), labels: testLabels(), repository };
  const program = example("snapshot", stack, () => settings);
  expect(ops((await stack.up(program)).steps)).toEqual({ workbench: "create" });
  const workbench = stack.resource("workbench")!.id;
  await execIn(workbench, ["sh", "-c", "mkdir -p /srv/site && echo hello > /srv/site/index.html"]);

  settings = { ...settings, snapshot: true };
  expect(ops((await stack.up(program)).steps)).toEqual({ workbench: "same", snapshot: "create", site: "create" });
  const first = stack.resource("snapshot")!.outputs.imageId as string;
  const site = stack.resource("site")!.id;
  expect((await execIn(site, ["cat", "/srv/site/index.html"])).output).toBe("hello\n");
  expect(ops((await stack.up(program)).steps)).toEqual({ workbench: "same", snapshot: "same", site: "same" });

  settings = { ...settings, revision: "2" };
  expect(ops((await stack.up(program)).steps)).toEqual({ workbench: "same", snapshot: "replace", site: "replace" });
  await expect(docker.getImage(first).inspect()).rejects.toMatchObject({ statusCode: 404 });
  const second = stack.resource("snapshot")!.outputs.imageId as string;
  expect(ops((await stack.destroy()).steps)).toEqual({ workbench: "delete", snapshot: "delete", site: "delete" });
  await expect(docker.getImage(second).inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test("remote: a container on an engine reached over TLS, the key a secret in state, destroyed there", async () => {
  const pki = makePki();
  const proxy = await startTlsProxy(pki);
  try {
    const stack = new TestStack(fx.host);
    const settings = {
      image: BASE_IMAGE,
      host: proxy.url,
      tlsCa: pki.ca,
      tlsCert: pki.clientCert,
      tlsKey: pki.clientKey,
      publish: `127.0.0.1:${await freePort()}`,
      labels: testLabels(),
    };
    const program = example("remote", stack, () => settings);
    expect(ops((await stack.up(program)).steps)).toEqual({ web: "create" });
    expect(ops((await stack.up(program)).steps)).toEqual({ web: "same" });
    const web = stack.resource("web")!;
    expect(web.secretKeys).toContain("tls");
    expect((await docker.getContainer(web.id).inspect()).State.Running).toBe(true);
    expect(ops((await stack.destroy()).steps)).toEqual({ web: "delete" });
    await expect(docker.getContainer(web.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  } finally {
    await proxy.stop();
    pki.cleanup();
  }
});
