// Through the real host: jobs report exitCode and logs as outputs, a failed job stays in the stack and the next up
// resumes it once the cause is fixed; uploaded secrets stay secret; the job example runs as its README says.
import * as pulumi from "@pulumi/pulumi";
import { join } from "path";
import { Container } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { REPO_ROOT } from "../support/checkout";
import { useProviderHost } from "../support/fixture";
import { TestStack, type Step } from "../support/stack";

const fx = useProviderHost({ engineLog: true });
const newStack = () => fx.newStack();

const ops = (steps: Record<string, Step>) => Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, s.op]));
const startedAt = async (id: string) => (await docker.getContainer(id).inspect()).State.StartedAt;

test("a failed job stays in the stack; once its exit code is accepted, the next up checks it again without re-running", async () => {
  const stack = newStack();
  let expectedExitCode: number | undefined;
  const program = () => {
    new Container("seed", {
      image: BASE_IMAGE,
      labels: testLabels(),
      state: "exited",
      command: ["sh", "-c", "echo seeding; echo already seeded >&2; exit 2"],
      expectedExitCode,
    });
  };
  const failed = await stack.up(program, { allowErrors: true });
  expect(failed.errors.map((e) => e.message).join("\n")).toMatch(/the job exited with code 2, expected 0\. Its last output:.*already seeded/s);
  const kept = stack.resource("seed")!;
  expect(kept.initErrors?.length).toBe(1);
  const ranAt = await startedAt(kept.id);

  expectedExitCode = 2;
  const resumed = await stack.up(program);
  expect(ops(resumed.steps)).toEqual({ seed: "update" });
  expect(resumed.outputs.seed).toMatchObject({ exitCode: 2, status: "exited" });
  expect(resumed.outputs.seed.logs.split("\n").sort()).toEqual(["already seeded", "seeding"]);
  expect(stack.resource("seed")!.id).toBe(kept.id);
  expect(await startedAt(kept.id)).toBe(ranAt);
  expect(ops((await stack.up(program)).steps)).toEqual({ seed: "same" });
});

test("uploaded secret content stays secret in the state and never appears in messages", async () => {
  const stack = newStack();
  const secret = "uploaded-s3cr3t-never-printed";
  let content = `${secret}-1`;
  const program = () => {
    new Container("app", {
      image: BASE_IMAGE,
      labels: testLabels(),
      uploads: [{ path: "/run/secrets/token", content: pulumi.secret(content), mode: "0400" }],
    });
  };
  await stack.up(program);
  expect(stack.resource("app")!.secretKeys).toContain("uploads");
  content = `${secret}-2`;
  const preview = await stack.preview(program);
  expect(ops(preview.steps)).toEqual({ app: "replace" });
  const said = fx.engine.take().map((e) => e.message).join("\n");
  expect(said).toMatch(/uploads: changed \(replace\)/);
  expect(said).not.toContain(secret);
  expect(fx.host.stderr).not.toContain(secret);
});

/** The example's program with this config, loaded fresh on every run as `pulumi up` would. */
function example(name: string, stack: TestStack, config: () => Record<string, unknown>) {
  return () => {
    for (const [key, value] of Object.entries(config())) {
      pulumi.runtime.setConfig(`${stack.project}:${key}`, typeof value === "string" ? value : JSON.stringify(value));
    }
    jest.isolateModules(() => require(join(REPO_ROOT, "examples", name, "index.ts")));
  };
}

test("examples/job: the migration runs once before the app; a new version re-runs it; a failing one stops up", async () => {
  const stack = newStack();
  let settings: Record<string, unknown> = { image: BASE_IMAGE, labels: testLabels() };
  const program = example("job", stack, () => settings);
  const first = await stack.up(program);
  expect(ops(first.steps)).toEqual({ migrate: "create", app: "create" });
  expect(first.outputs.migrate).toMatchObject({ exitCode: 0, logs: "migrating schema to version 1", status: "exited" });
  expect(first.outputs.app).toMatchObject({ health: "healthy" });
  // The app was created after the migration finished.
  const migrateInfo = await docker.getContainer(stack.resource("migrate")!.id).inspect();
  const appInfo = await docker.getContainer(stack.resource("app")!.id).inspect();
  expect(Date.parse(appInfo.Created)).toBeGreaterThanOrEqual(Date.parse(migrateInfo.State.FinishedAt.slice(0, 23)));
  expect(ops((await stack.up(program)).steps)).toEqual({ migrate: "same", app: "same" });

  settings = { ...settings, schemaVersion: "2" };
  const second = await stack.up(program);
  expect(ops(second.steps)).toEqual({ migrate: "replace", app: "replace" });
  expect(second.outputs.migrate.logs).toBe("migrating schema to version 2");

  settings = { ...settings, failWith: 3 };
  const appId = stack.resource("app")!.id;
  const migrateId = stack.resource("migrate")!.id;
  const failed = await stack.up(program, { allowErrors: true });
  expect(failed.errors.map((e) => e.message).join("\n")).toMatch(/exited with code 3, expected 0\. Its last output:\n {2}\| migrating schema to version 2/);
  // The failed replacement was rolled back: the stack holds the job that succeeded, and no failed one is left.
  expect(failed.errors.map((e) => e.message).join("\n")).toMatch(/The replacement was rolled back: the new container was removed/);
  expect(stack.resource("migrate")!.id).toBe(migrateId);
  // The app depends on the migration: it is left as it was, running.
  expect(stack.resource("app")!.id).toBe(appId);
  expect((await docker.getContainer(appId).inspect()).State.Running).toBe(true);
  // The fix (`pulumi config rm failWith`; config set here stays set in this process, so 0 stands for removed)
  // declares the job the stack still holds: nothing to do.
  settings = { ...settings, failWith: 0 };
  expect(ops((await stack.up(program)).steps)).toMatchObject({ migrate: "same", app: "same" });
  expect(ops((await stack.destroy()).steps)).toEqual({ migrate: "delete", app: "delete" });
});
