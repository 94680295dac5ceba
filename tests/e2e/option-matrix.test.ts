// Every option through the real host, all containers in one stack (resources run concurrently, as under the
// Pulumi engine): created with the option, the same program in other forms is "same", and a change gives the
// expected step: in place keeps the container and its process, replace yields a new container. Then the changed
// program again is "same", so the new value is what the engine holds.
import { rmSync } from "fs";
import { Container, type ContainerArgs } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE, IDLE_SCRIPT, RICH_IMAGE } from "../support/images";
import { makeCheckout, type Checkout } from "../support/checkout";
import { ProviderHost } from "../support/host";
import { testNetwork } from "../support/networks";
import { TestStack } from "../support/stack";
import { OPTION_CASES, type OptionCase } from "./option-cases";

const run = testLabels()["dockwright-test"];
const nets = [`dw-mx-${run}-a`, `dw-mx-${run}-b`];

let checkout: Checkout;
let host: ProviderHost;
let stack: TestStack;
let removeNets: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  removeNets = (await Promise.all(nets.map((n) => testNetwork(n)))).map((n) => n.remove);
  checkout = makeCheckout({ copy: false });
  host = await ProviderHost.start({ cwd: checkout.dir });
  stack = new TestStack(host);
});

afterAll(async () => {
  await stack?.destroy().catch(() => undefined);
  await host?.stop();
  checkout?.remove();
  for (const remove of removeNets) await remove();
  // Bind sources the engine created on the host for the volumes case.
  rmSync(`/tmp/dw-mx-${run}`, { recursive: true, force: true });
});

const env = { run, nets, idle: IDLE_SCRIPT, base: BASE_IMAGE, rich: RICH_IMAGE };
const cases: OptionCase[] = OPTION_CASES(env);
const resourceName = (c: OptionCase) => `mx-${c.name}`;

/** The case's labels in the form it wrote them, plus the test label. */
function withTestLabels(labels: Record<string, string> | string[] | undefined) {
  if (Array.isArray(labels)) return [...Object.entries(testLabels()).map(([k, v]) => `${k}=${v}`), ...labels];
  return { ...testLabels(), ...labels };
}

function program(phase: "declared" | "same" | "change"): () => void {
  return () => {
    for (const c of cases) {
      const args = phase === "declared" ? c.declared : phase === "same" ? (c.same ?? c.declared) : (c.change ?? c.declared);
      new Container(resourceName(c), {
        image: BASE_IMAGE,
        ...(args as Partial<ContainerArgs>),
        labels: withTestLabels(args.labels as Record<string, string> | string[] | undefined),
      } as ContainerArgs);
    }
  };
}

test("each option: idempotent in every form, and a change is applied the declared way", async () => {
  const created = await stack.up(program("declared"));
  for (const c of cases) expect([c.name, created.steps[resourceName(c)]]).toEqual([c.name, { op: "create" }]);
  const before = new Map<string, { id: string; pid: number }>();
  for (const c of cases) {
    const id = stack.resource(resourceName(c))!.id;
    before.set(c.name, { id, pid: (await docker.getContainer(id).inspect()).State.Pid });
  }

  const same = await stack.up(program("same"));
  for (const c of cases) expect([c.name, same.steps[resourceName(c)]]).toEqual([c.name, { op: "same" }]);

  const changed = await stack.up(program("change"));
  for (const c of cases) {
    const step = changed.steps[resourceName(c)];
    const id = stack.resource(resourceName(c))!.id;
    const info = await docker.getContainer(id).inspect();
    if (!c.change) {
      expect([c.name, step.op]).toEqual([c.name, "same"]);
    } else if (c.step === "update") {
      expect([c.name, step.op, id]).toEqual([c.name, "update", before.get(c.name)!.id]);
      // A run-state change restarts the process by definition; everything else keeps it.
      if (!c.restarts) expect([c.name, info.State.Pid]).toEqual([c.name, before.get(c.name)!.pid]);
    } else {
      expect([c.name, step.op, step.replaces]).toEqual([c.name, "replace", c.replaces ?? [c.name.replace(/#.*/, "")]]);
      expect([c.name, id]).not.toEqual([c.name, before.get(c.name)!.id]);
    }
    c.holds?.(info);
  }

  const again = await stack.up(program("change"));
  for (const c of cases) expect([c.name, again.steps[resourceName(c)]]).toEqual([c.name, { op: "same" }]);
});
