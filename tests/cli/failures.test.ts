// What users see under the real CLI when things go wrong: a container that cannot start, a secret value, and an
// `up` interrupted with Ctrl-C.
import { createServer, type Server } from "net";
import { join } from "path";
import { REPO_ROOT } from "../support/checkout";
import { CliStack, ok, useCliStacks } from "../support/cli";
import { docker, eventually, testLabels, TEST_LABEL } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { freePort } from "../support/ports";

const run = testLabels()[TEST_LABEL];

const { stack: stackOf } = useCliStacks();

const resources = (stack: CliStack) => stack.exportState().deployment.resources.filter((r: any) => r.type.includes("dockwright"));

async function onEngine(exampleLabel: string) {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${run}`, `com.example.stack=${exampleLabel}`] });
  return docker.listContainers({ all: true, filters });
}

test("a container that cannot start is kept in the stack and started by the next up", async () => {
  const port = await freePort();
  // Something else holds the host port: the engine creates the container, then cannot start it.
  const squatter: Server = createServer();
  await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
  const stack = stackOf(join(REPO_ROOT, "examples", "quickstart"), "dockwright-quickstart");
  stack.setConfig({ image: BASE_IMAGE, port, labels: testLabels() });
  try {
    const failed = await stack.up();
    expect(failed.code).not.toBe(0);
    expect(failed.text).toMatch(/address already in use|port is already allocated/);
    const [web] = resources(stack);
    // The engine keeps a resource whose create failed after the container existed, with the reason.
    expect(web.initErrors?.length).toBeGreaterThan(0);
    expect((await docker.getContainer(web.id).inspect()).State.Running).toBe(false);
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
  const resumed = ok(await stack.up());
  expect(resumed.steps).toEqual({ web: "update" });
  const [web] = resources(stack);
  expect(web.initErrors).toBeUndefined();
  expect((await docker.getContainer(web.id).inspect()).State.Running).toBe(true);
  expect(await onEngine("quickstart")).toHaveLength(1);
  ok(await stack.destroy());
});

test("a secret env value reaches the container and never the CLI's output or the exported state", async () => {
  const stack = stackOf(join(__dirname, "programs", "secret-env"), "dockwright-secret-env");
  const token = `tok-${run}-s3cr3t`;
  stack.setConfig({ image: BASE_IMAGE, labels: testLabels() });
  stack.setSecret("token", token);
  const up = ok(await stack.up({ diff: true }));
  const [app] = resources(stack);
  expect((await docker.getContainer(app.id).inspect()).Config.Env).toContain(`API_TOKEN=${token}`);

  stack.setSecret("token", `${token}-2`);
  const preview = ok(await stack.preview({ diff: true }));
  expect(preview.steps).toEqual({ app: "replace" });
  const replaced = ok(await stack.up({ diff: true }));
  const state = stack.exportState();
  for (const text of [up.text, preview.text, replaced.text, state.text]) {
    expect(text).not.toContain(token);
  }
  expect(preview.stdout).toContain("[secret]");
  ok(await stack.destroy());
  expect(await onEngine("secret-env")).toEqual([]);
});

test("a job that prints a secret: neither its failure nor its logs output shows the value in the CLI's output or the state", async () => {
  const stack = stackOf(join(__dirname, "programs", "secret-job"), "dockwright-secret-job");
  const token = `tok-${run}-j0b-s3cr3t`;
  stack.setConfig({ image: BASE_IMAGE, labels: testLabels(), exitCode: 3 });
  stack.setSecret("token", token);
  const failed = await stack.up();
  expect(failed.code).not.toBe(0);
  expect(failed.text).toMatch(/the job exited with code 3, expected 0\. Its last output: \(not shown: the container has secret inputs/);
  const afterFailure = stack.exportState().text;

  stack.setConfig({ image: BASE_IMAGE, labels: testLabels(), exitCode: 0 });
  const replaced = ok(await stack.up());
  const state = stack.exportState();
  const [job] = resources(stack);
  // Stored, encrypted: the output exists but only as a secret.
  expect(job.outputs.logs).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
  for (const text of [failed.text, afterFailure, replaced.text, state.text]) expect(text).not.toContain(token);
  ok(await stack.destroy());
  expect(await onEngine("secret-job")).toEqual([]);
});

test("up interrupted with Ctrl-C mid-deployment, then run again, converges with no orphan and no duplicate", async () => {
  const stack = stackOf(join(__dirname, "programs", "chain"), "dockwright-chain");
  const count = 5;
  stack.setConfig({ image: BASE_IMAGE, count, labels: testLabels() });
  const interrupted = await stack.run("up", [], (child) => {
    // Ctrl-C as a terminal sends it: to the runner and the CLI together, once two containers exist.
    eventually("two containers of the chain", async () => ((await onEngine("chain")).length >= 2 ? true : undefined), 60000)
      .then(() => process.kill(-child.pid!, "SIGINT"))
      .catch(() => undefined);
  });
  expect(interrupted.code).not.toBe(0);
  const after = await onEngine("chain");
  expect(after.length).toBeGreaterThanOrEqual(2);
  expect(after.length).toBeLessThan(count);
  // Every container on the engine is in the stack: the CLI finished the step in flight before stopping.
  expect(new Set(resources(stack).map((r: any) => r.id))).toEqual(new Set(after.map((c) => c.Id)));

  const resumed = ok(await stack.up());
  expect(Object.values(resumed.steps).filter((op) => op === "create")).toHaveLength(count - after.length);
  const all = await onEngine("chain");
  expect(all).toHaveLength(count);
  expect(new Set(resources(stack).map((r: any) => r.id))).toEqual(new Set(all.map((c) => c.Id)));
  ok(await stack.destroy());
  expect(await onEngine("chain")).toEqual([]);
});
