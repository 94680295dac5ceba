// The harness follows the Pulumi engine's rules: preview, refresh, init failures, concurrency, secrets.
import net from "net";
import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { useProviderHost } from "../support/fixture";
import { UNKNOWN } from "../support/stack";

const fx = useProviderHost();
const newStack = () => fx.newStack();

async function testContainers(): Promise<string[]> {
  const filters = JSON.stringify({ label: [`dockwright-test=${testLabels()["dockwright-test"]}`] });
  return (await docker.listContainers({ all: true, filters })).map((c) => c.Id);
}

test("preview plans creates with values other resources compute unknown, and changes nothing", async () => {
  const stack = newStack();
  const before = await testContainers();
  const program = () => {
    const db = new Container("db", { image: BASE_IMAGE, labels: testLabels() });
    new Container("app", { image: BASE_IMAGE, labels: testLabels(), env: { DB_HOST: db.name } });
  };
  const seen: unknown[] = [];
  const check = fx.host.check.bind(fx.host);
  fx.host.check = async (urn, olds, news) => {
    if (urn.endsWith("::app")) seen.push(news.env);
    return check(urn, olds, news);
  };
  try {
    const preview = await stack.preview(program);
    expect(preview.steps).toEqual({ db: { op: "create" }, app: { op: "create" } });
    // The name db will get is not known during preview: app's env arrives with the engine's unknown sentinel.
    expect(seen).toEqual([{ DB_HOST: UNKNOWN }]);
  } finally {
    fx.host.check = check;
  }
  expect(stack.state).toEqual([]);
  expect(await testContainers()).toEqual(before);

  await stack.up(program);
  const app = await docker.getContainer(stack.resource("app")!.id).inspect();
  expect(app.Config.Env).toContain(`DB_HOST=${stack.resource("db")!.outputs.name}`);
  // A preview of a change names the replacement and its reason, and leaves the container alone.
  const changed = () => {
    const db = new Container("db", { image: BASE_IMAGE, labels: testLabels() });
    new Container("app", { image: BASE_IMAGE, labels: testLabels(), env: { DB_HOST: db.name, EXTRA: "1" } });
  };
  const plan = await stack.preview(changed);
  expect(plan.steps).toEqual({ db: { op: "same" }, app: { op: "replace", replaces: ["env"], deleteBeforeReplace: false } });
  expect((await docker.getContainer(app.Id).inspect()).State.Running).toBe(true);
});

test("independent resources are created concurrently, and destroyed dependents first", async () => {
  const stack = newStack();
  const program = () => {
    const [a] = ["a", "b", "c"].map((name) => new Container(name, { image: BASE_IMAGE, labels: testLabels() }));
    new Container("d", { image: BASE_IMAGE, labels: testLabels(), env: { PEER: a.name } });
  };
  await stack.up(program);
  const creates = stack.calls.filter((c) => c.op === "create" && c.name !== "d");
  expect(creates).toHaveLength(3);
  const firstEnd = Math.min(...creates.map((c) => c.end));
  // Every create started before the first one finished.
  expect(creates.every((c) => c.start < firstEnd)).toBe(true);
  // d needs a's name, so it is created after a and deleted before it.
  const createdD = stack.calls.find((c) => c.op === "create" && c.name === "d")!;
  expect(createdD.start).toBeGreaterThanOrEqual(stack.calls.find((c) => c.op === "create" && c.name === "a")!.end);
  const order = Object.keys((await stack.destroy()).steps);
  expect([...order].sort()).toEqual(["a", "b", "c", "d"]);
  expect(order.indexOf("d")).toBeLessThan(order.indexOf("a"));
});

test("refresh reads the container; one removed outside Pulumi leaves the state and the next up recreates it", async () => {
  const stack = newStack();
  const program = () => {
    new Container("web", { image: BASE_IMAGE, labels: testLabels() });
  };
  await stack.up(program);
  const id = stack.resource("web")!.id;
  await docker.getContainer(id).pause();
  const refreshed = await stack.refresh();
  expect(refreshed.steps.web).toEqual({ op: "refresh", changed: true });
  expect(stack.resource("web")!.outputs.status).toBe("paused");
  // Brought back in place by the next up.
  expect((await stack.preview(program)).steps.web).toEqual({ op: "update" });
  expect((await stack.up(program)).steps.web).toEqual({ op: "update" });
  expect((await docker.getContainer(id).inspect()).State.Status).toBe("running");

  await docker.getContainer(id).remove({ force: true });
  expect((await stack.refresh()).steps.web).toEqual({ op: "delete" });
  expect(stack.resource("web")).toBeUndefined();
  expect((await stack.up(program)).steps.web).toEqual({ op: "create" });
  expect((await docker.getContainer(stack.resource("web")!.id).inspect()).State.Running).toBe(true);
});

test("a container removed outside Pulumi without a refresh is replaced by the next up", async () => {
  const stack = newStack();
  const program = () => {
    new Container("web", { image: BASE_IMAGE, labels: testLabels() });
  };
  await stack.up(program);
  const id = stack.resource("web")!.id;
  await docker.getContainer(id).remove({ force: true });
  const result = await stack.up(program);
  expect(result.steps.web).toEqual({ op: "replace", replaces: ["id"], deleteBeforeReplace: false });
  expect((await docker.getContainer(stack.resource("web")!.id).inspect()).State.Running).toBe(true);
});

test("an init failure keeps the container in state, and the next up resumes it through update", async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
  const port = (blocker.address() as net.AddressInfo).port;
  const stack = newStack();
  const program = () => {
    new Container("web", { image: BASE_IMAGE, labels: testLabels(), ports: [`127.0.0.1:${port}:80`] });
  };
  try {
    const failed = await stack.up(program, { allowErrors: true });
    expect(failed.errors.map((e) => e.message).join("\n")).toMatch(/could not be brought to state "running".*fix the cause/s);
    const kept = stack.resource("web")!;
    expect(kept.initErrors?.length).toBe(1);
    expect(kept.outputs.__provider).toBe(kept.inputs.__provider);
    expect((await docker.getContainer(kept.id).inspect()).State.Status).toBe("created");
  } finally {
    await new Promise((r) => blocker.close(r));
  }
  const id = stack.resource("web")!.id;
  const resumed = await stack.up(program);
  expect(resumed.steps.web).toEqual({ op: "update" });
  expect(stack.resource("web")!.id).toBe(id);
  expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  expect((await stack.up(program)).steps.web).toEqual({ op: "same" });
});

test("secret inputs stay secret in outputs, and never appear in the host's logs", async () => {
  const stack = newStack();
  const password = "s3cr3t-never-printed";
  const result = await stack.up(() => {
    new Container("db", { image: BASE_IMAGE, labels: testLabels(), env: { PASSWORD: pulumi.secret(password) } });
  });
  // logs too: what the container prints may hold the secret.
  expect(stack.resource("db")!.secretKeys).toEqual(["env", "logs"]);
  expect(result.outputs.db.env).toEqual({ PASSWORD: password });
  expect(fx.host.stderr).not.toContain(password);
});
