// The stand-in engine (tests/support/stack.ts) answers to the real one: one program, one sequence of operations,
// run under both; the steps each reports and the order in which their calls reached Docker must be the same.
// Rules covered: check with the old inputs and diff with the old outputs (same / update / replace), unknown
// values at preview (b needs the name of a, unknown while a is updated or replaced), create-before-delete, refresh
// inputs (nothing to do after a refresh), delete order and concurrency (the engine's layers), and resume after an
// init failure.
import * as pulumi from "@pulumi/pulumi";
import { createServer } from "net";
import { join } from "path";
import { CliStack, ok } from "../support/cli";
import { containerEvents, type ContainerEvent } from "../support/docker-events";
import { testLabels, TEST_LABEL } from "../support/engine";
import { useProviderHost } from "../support/fixture";
import { BASE_IMAGE } from "../support/images";
import { freePort } from "../support/ports";
import type { RunResult } from "../support/stack";

const fx = useProviderHost();
const run = testLabels()[TEST_LABEL];
const PROGRAM = join(__dirname, "programs", "parity");
const PROJECT = "dockwright-parity";

type Steps = Record<string, string>;

/** The operations a scenario needs, as `pulumi` offers them; implemented by both engines. */
interface Driver {
  readonly name: string;
  setConfig(values: Record<string, unknown>): void;
  up(): Promise<Steps>;
  preview(): Promise<Steps>;
  refresh(): Promise<Steps>;
  destroy(): Promise<Steps>;
  /** Resource name -> container id, from the engine's state. */
  ids(): Record<string, string>;
  /** Init errors recorded in state, by resource name. */
  initErrors(): Record<string, number>;
}

function realCli(program = PROGRAM, project = PROJECT): Driver & { dispose(): Promise<void> } {
  const stack = new CliStack(program, project);
  const state = () => stack.exportState().deployment.resources.filter((r: any) => r.type.includes("dockwright"));
  const name = (r: any) => r.urn.split("::").pop();
  return {
    name: "real CLI",
    setConfig: (values) => stack.setConfig(values),
    up: async () => (await stack.up()).steps,
    preview: async () => ok(await stack.preview()).steps,
    refresh: async () => ok(await stack.refresh()).steps,
    destroy: async () => ok(await stack.destroy()).steps,
    ids: () => Object.fromEntries(state().map((r: any) => [name(r), r.id])),
    initErrors: () => Object.fromEntries(state().map((r: any) => [name(r), r.initErrors?.length ?? 0])),
    dispose: () => stack.dispose(),
  };
}

function standIn(program = PROGRAM, project = PROJECT): Driver {
  const stack = fx.newStack({ project });
  let config: Record<string, unknown> = {};
  const load = () => {
    for (const [key, value] of Object.entries(config)) {
      pulumi.runtime.setConfig(`${project}:${key}`, typeof value === "string" ? value : JSON.stringify(value));
    }
    jest.isolateModules(() => require(join(program, "index.ts")));
  };
  const steps = (result: RunResult) => Object.fromEntries(Object.entries(result.steps).map(([k, s]) => [k, s.op]));
  return {
    name: "stand-in",
    setConfig: (values) => (config = { ...config, ...values }),
    up: async () => steps(await stack.up(load, { allowErrors: true })),
    preview: async () => steps(await stack.preview(load)),
    // The CLI reports a refreshed resource as "same", or "update" when what it read differs from the state.
    refresh: async () =>
      Object.fromEntries(Object.entries((await stack.refresh()).steps).map(([k, s]) => [k, s.changed ? "update" : "same"])),
    destroy: async () => steps(await stack.destroy()),
    ids: () => Object.fromEntries(stack.state.map((r) => [r.name, r.id])),
    initErrors: () => Object.fromEntries(stack.state.map((r) => [r.name, r.initErrors?.length ?? 0])),
  };
}

/** Runs `work` and returns what the engine recorded for this driver's containers meanwhile. */
async function watched<T>(label: string, work: () => Promise<T>): Promise<[T, ContainerEvent[]]> {
  const since = Date.now();
  const result = await work();
  return [result, await containerEvents([`${TEST_LABEL}=${run}`, `dockwright-parity=${label}`], since, Date.now())];
}

const first = (events: ContainerEvent[], action: string, id: string) => events.find((e) => e.action === action && e.id === id)?.time;

async function lifecycle(driver: Driver, label: string) {
  driver.setConfig({ image: BASE_IMAGE, labels: { ...testLabels(), "dockwright-parity": label } });
  const seen: Record<string, unknown> = {};
  seen.create = await driver.up();
  seen.noop = await driver.up();
  driver.setConfig({ memory: "64m" });
  seen.inPlacePreview = await driver.preview();
  seen.inPlace = await driver.up();

  // a is autonamed: its replacement is created before it is deleted; b gets a's new name, unknown at preview.
  driver.setConfig({ generation: "2" });
  seen.replacePreview = await driver.preview();
  const oldA = driver.ids().a;
  const [replace, replaceEvents] = await watched(label, () => driver.up());
  seen.replace = replace;
  const newA = driver.ids().a;
  seen.createdBeforeDeleted = first(replaceEvents, "create", newA)! < first(replaceEvents, "destroy", oldA)!;

  seen.refresh = await driver.refresh();
  seen.afterRefresh = await driver.preview();

  const ids = driver.ids();
  const [destroy, destroyEvents] = await watched(label, () => driver.destroy());
  seen.destroy = destroy;
  const at = (action: string, name: string) => first(destroyEvents, action, ids[name])!;
  seen.dependentsFirst = at("destroy", "b") < at("destroy", "a");
  // The engine deletes in layers (see deleteInOrder in tests/support/stack.ts): b alone first, since a is below
  // it; then a and c together, both sent SIGTERM before either was gone. c is not deleted alongside b.
  seen.bBeforeC = at("destroy", "b") < at("kill", "c");
  seen.aWithC = at("kill", "a") < at("destroy", "c") && at("kill", "c") < at("destroy", "a");
  return seen;
}

test("the stand-in takes the same steps as the real CLI, in the same order, from create to destroy", async () => {
  const cli = realCli();
  try {
    const real = await lifecycle(cli, "cli");
    // Pinned facts of the real engine, so a change in either is seen.
    expect(real).toMatchObject({
      create: { a: "create", b: "create", c: "create" },
      noop: { a: "same", b: "same", c: "same" },
      // a's generated name is unknown while its update is previewed, so b, which reads it, previews as a replace.
      inPlacePreview: { a: "update", b: "replace", c: "same" },
      inPlace: { a: "update", b: "same", c: "same" },
      replacePreview: { a: "replace", b: "replace", c: "same" },
      createdBeforeDeleted: true,
      dependentsFirst: true,
      bBeforeC: true,
      aWithC: true,
    });
    expect(await lifecycle(standIn(), "stand-in")).toEqual(real);
  } finally {
    await cli.dispose();
  }
}, 600_000);

test("an init failure is kept in state and resumed through update, by both", async () => {
  const results: Record<string, unknown>[] = [];
  for (const [driver, dispose] of [
    [standIn(join(__dirname, "..", "..", "examples", "quickstart"), "dockwright-quickstart"), async () => undefined],
    (() => {
      const cli = realCli(join(__dirname, "..", "..", "examples", "quickstart"), "dockwright-quickstart");
      return [cli, () => cli.dispose()];
    })(),
  ] as [Driver, () => Promise<void>][]) {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      driver.setConfig({ image: BASE_IMAGE, port, labels: testLabels() });
      const seen: Record<string, unknown> = { failed: await driver.up(), initErrors: driver.initErrors() };
      await new Promise((resolve) => squatter.close(resolve));
      seen.resumed = await driver.up();
      seen.after = driver.initErrors();
      seen.destroy = await driver.destroy();
      results.push(seen);
    } finally {
      squatter.close();
      await dispose();
    }
  }
  const [stand, real] = results;
  expect(real).toMatchObject({ initErrors: { web: 1 }, resumed: { web: "update" }, after: { web: 0 } });
  expect(stand).toEqual(real);
}, 600_000);
