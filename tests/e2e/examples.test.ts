// Every example program, as written, through the real host: up, up again ("same"), the change its README describes
// (the expected steps), destroy. Images come from config (the examples' defaults are public images, not available
// offline here), and every container carries the test label through the examples' `labels` config.
import * as pulumi from "@pulumi/pulumi";
import { freePort } from "../support/ports";
import { join } from "path";
import { docker, testLabels } from "../support/engine";
import { execIn } from "../support/exec";
import { BASE_IMAGE } from "../support/images";
import { REPO_ROOT } from "../support/checkout";
import { testNetwork } from "../support/networks";
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

test("networks: the client reaches the API by alias; renaming it and adding an alias are in place", async () => {
  const net = await testNetwork(`dw-ex-${run}`);
  try {
    const stack = new TestStack(fx.host);
    let settings: Record<string, unknown> = { image: BASE_IMAGE, network: net.name, apiName: `dw-ex-${run}-api`, labels: testLabels() };
    const program = example("networks", stack, () => settings);
    expect(ops((await stack.up(program)).steps)).toEqual({ api: "create", client: "create" });
    expect(ops((await stack.up(program)).steps)).toEqual({ api: "same", client: "same" });
    const api = stack.resource("api")!.id;
    const client = stack.resource("client")!.id;
    const pid = (await docker.getContainer(api).inspect()).State.Pid;
    expect((await execIn(client, ["wget", "-qO-", "http://api:8080/"])).output).toBe("ok\n");

    settings = { ...settings, apiName: `dw-ex-${run}-api-v2`, aliases: ["api", "backend"] };
    expect(ops((await stack.preview(program)).steps)).toEqual({ api: "update", client: "same" });
    expect(ops((await stack.up(program)).steps)).toEqual({ api: "update", client: "same" });
    const info = await docker.getContainer(api).inspect();
    expect([info.State.Pid, info.Name]).toEqual([pid, `/dw-ex-${run}-api-v2`]);
    expect((await execIn(client, ["wget", "-qO-", "http://backend:8080/"])).output).toBe("ok\n");
    expect(ops((await stack.destroy()).steps)).toEqual({ api: "delete", client: "delete" });
  } finally {
    await net.remove();
  }
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
