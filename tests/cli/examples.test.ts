// The other examples under the real Pulumi CLI: up, up again with nothing to do, the change their README describes
// (preview, then up), drift shown and converged, a quiet refresh, and destroy leaving nothing on the engine. The
// quickstart has its own file; networks-data.test.ts replaces the declared network and keeps a data volume.
import { CliStack, ok, useCliStacks } from "../support/cli";
import { docker, testLabels, TEST_LABEL } from "../support/engine";
import { execIn } from "../support/exec";
import { BASE_IMAGE } from "../support/images";
import { freePort } from "../support/ports";
import { makePki, startTlsProxy } from "../support/tls";

const run = testLabels()[TEST_LABEL];

const { example } = useCliStacks();

const idOf = (stack: CliStack, name: string) =>
  stack.exportState().deployment.resources.find((r: any) => r.urn.endsWith(`::${name}`))?.id as string;

/**
 * Drift made outside Pulumi (the container stopped) is named by the preview and converged by up; then a refresh of
 * the untouched stack changes nothing (the CLI fails with --expect-no-changes otherwise).
 */
async function driftConvergesAndRefreshIsQuiet(stack: CliStack, name: string): Promise<void> {
  const id = idOf(stack, name);
  await docker.getContainer(id).stop({ t: 1 });
  const preview = ok(await stack.preview({ diff: true }));
  expect(preview.steps[name]).toBe("update");
  expect(preview.text).toMatch(/state: "\w+" -> "running" \(changed outside Pulumi; in place, run state\)/);
  expect(ok(await stack.up()).steps[name]).toBe("update");
  expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  ok(await stack.refresh({ expectNoChanges: true }));
}

async function leftOnEngine(exampleLabel: string): Promise<string[]> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${run}`, `com.example.stack=${exampleLabel}`] });
  return (await docker.listContainers({ all: true, filters })).map((c) => c.Names[0]);
}

test("networks: renaming the API and adding an alias are in place; the client reaches it by the new alias", async () => {
  const stack = example("networks");
  stack.setConfig({ image: BASE_IMAGE, apiName: `dw-cli-${run}-api`, labels: testLabels() });
  expect(ok(await stack.up()).steps).toEqual({ "app-net": "create", api: "create", client: "create" });
  expect(ok(await stack.up()).stdout).toMatch(/Resources:\s+4 unchanged/);
  const api = idOf(stack, "api");
  const pid = (await docker.getContainer(api).inspect()).State.Pid;

  stack.setConfig({ apiName: `dw-cli-${run}-api-v2`, aliases: ["api", "backend"] });
  const preview = ok(await stack.preview({ diff: true }));
  expect(preview.steps).toEqual({ "app-net": "same", api: "update", client: "same" });
  expect(preview.stdout).toContain(`~ name    : "dw-cli-${run}-api" => "dw-cli-${run}-api-v2"`);
  expect(preview.text).toMatch(/name: .* \(in place, rename\)/);
  expect(ok(await stack.up()).steps).toEqual({ "app-net": "same", api: "update", client: "same" });
  const info = await docker.getContainer(api).inspect();
  expect([info.State.Pid, info.Name]).toEqual([pid, `/dw-cli-${run}-api-v2`]);
  expect((await execIn(idOf(stack, "client"), ["wget", "-qO-", "http://backend:8080/"])).output).toBe("ok\n");

  await driftConvergesAndRefreshIsQuiet(stack, "client");
  expect(ok(await stack.destroy()).steps).toEqual({ "app-net": "delete", api: "delete", client: "delete" });
  expect(await leftOnEngine("networks")).toEqual([]);
});

test("job: the migration runs once, a failing one is reported with its logs, a new schema version replaces both", async () => {
  const stack = example("job");
  stack.setConfig({ image: BASE_IMAGE, labels: testLabels() });
  const first = ok(await stack.up());
  expect(first.steps).toEqual({ migrate: "create", app: "create" });
  expect(first.stdout).toMatch(/migrationExitCode: 0/);
  expect(first.stdout).toMatch(/appHealth\s*: "healthy"/);
  expect(ok(await stack.up()).stdout).toMatch(/Resources:\s+3 unchanged/);

  stack.setConfig({ schemaVersion: "2", failWith: 3 });
  const preview = ok(await stack.preview({ diff: true }));
  expect(preview.steps).toEqual({ migrate: "replace", app: "replace" });
  const failed = await stack.up();
  expect(failed.code).not.toBe(0);
  // The engine's own words for the failed resource: the exit code and the job's last lines.
  expect(failed.text).toMatch(/exited with code 3/);
  expect(failed.text).toContain("migrating schema to version 2");

  stack.setConfig({ failWith: 0 });
  const fixed = ok(await stack.up());
  expect(fixed.stdout).toMatch(/migrationExitCode: 0/);
  const app = await docker.getContainer(idOf(stack, "app")).inspect();
  expect(app.Config.Env).toContain("SCHEMA_VERSION=2");

  await driftConvergesAndRefreshIsQuiet(stack, "app");
  ok(await stack.destroy());
  expect(await leftOnEngine("job")).toEqual([]);
});

test("snapshot: a prepared workbench is committed and a site runs from the image; destroy removes the image", async () => {
  const stack = example("snapshot");
  const repository = `dw-cli-${run}/site`;
  stack.setConfig({ image: BASE_IMAGE, port: await freePort(), labels: testLabels(), repository });
  expect(ok(await stack.up()).steps).toEqual({ workbench: "create" });
  await execIn(idOf(stack, "workbench"), ["sh", "-c", "mkdir -p /srv/site && echo hello > /srv/site/index.html"]);

  stack.setConfig({ snapshot: true });
  const preview = ok(await stack.preview({ diff: true }));
  expect(preview.steps).toEqual({ workbench: "same", snapshot: "create", site: "create" });
  expect(ok(await stack.up()).steps).toEqual({ workbench: "same", snapshot: "create", site: "create" });
  expect((await execIn(idOf(stack, "site"), ["cat", "/srv/site/index.html"])).output).toBe("hello\n");
  expect(ok(await stack.up()).stdout).toMatch(/Resources:\s+4 unchanged/);
  const imageId = idOf(stack, "snapshot");

  await driftConvergesAndRefreshIsQuiet(stack, "site");
  ok(await stack.destroy());
  expect(await leftOnEngine("snapshot")).toEqual([]);
  await expect(docker.getImage(`${repository}:v1`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  expect(imageId).toBeTruthy();
});

test("remote: over TLS, the key set with --secret never appears in the CLI's output or in the exported state", async () => {
  const pki = makePki();
  const proxy = await startTlsProxy(pki);
  try {
    const stack = example("remote");
    stack.setConfig({ image: BASE_IMAGE, host: proxy.url, tlsCa: pki.ca, tlsCert: pki.clientCert, publish: `127.0.0.1:${await freePort()}`, labels: testLabels() });
    stack.setSecret("tlsKey", pki.clientKey);
    const keyLine = pki.clientKey.split("\n")[1];
    const first = ok(await stack.up({ diff: true }));
    expect(first.steps).toEqual({ web: "create" });
    expect(ok(await stack.up()).stdout).toMatch(/Resources:\s+2 unchanged/);
    const state = stack.exportState();
    for (const text of [first.text, state.text]) expect(text).not.toContain(keyLine);
    expect(state.text).toContain("ciphertext");
    expect((await docker.getContainer(idOf(stack, "web")).inspect()).State.Running).toBe(true);
    await driftConvergesAndRefreshIsQuiet(stack, "web");

    const destroy = ok(await stack.destroy());
    expect(destroy.text).not.toContain(keyLine);
    expect(await leftOnEngine("remote")).toEqual([]);
  } finally {
    await proxy.stop();
    pki.cleanup();
  }
});
