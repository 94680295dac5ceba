// Single Engine API faults injected by a proxy between the provider and the real engine (tests/support/
// fault-proxy.ts), through the real provider host: each case runs up with the fault armed, checks the message,
// then runs up again without it and checks that the engine holds exactly the declared containers (the stack's
// own, in their declared state) and nothing else of this stack: no orphan, no duplicate.
import { Container, ContainerCommit, type ContainerArgs } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { FaultProxy, type FaultRule } from "../support/fault-proxy";
import { useProviderHost } from "../support/fixture";
import { BASE_IMAGE, IDLE_SCRIPT } from "../support/images";
import { testNetwork } from "../support/networks";
import { startRegistry, removeImage } from "../support/registry";
import type { TestStack } from "../support/stack";

const fx = useProviderHost();
const run = testLabels()["dockwright-test"];

let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await FaultProxy.start();
});
afterAll(async () => {
  await proxy?.stop();
});

/** Short deadlines, so a request that never answers fails the case in seconds. */
const FAST = { lookup: 5, change: 5, transfer: 20 };

function service(extra: Partial<ContainerArgs> = {}): ContainerArgs {
  return { image: BASE_IMAGE, command: ["sh", "-c", IDLE_SCRIPT], labels: testLabels(), host: proxy.host, engineTimeouts: FAST, ...extra };
}

/** This stack's containers on the engine, found by the identity label, whatever the state says. */
async function containersOf(stack: TestStack): Promise<{ id: string; state: string; name: string }[]> {
  const prefix = `${stack.project}/${stack.stackName}/`;
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`dockwright-test=${run}`] }) });
  return list
    .filter((c) => (c.Labels["dockwright.identity"] ?? "").startsWith(prefix))
    .map((c) => ({ id: c.Id, state: c.State, name: c.Names[0].replace(/^\//, "") }));
}

/** Exactly the stack's containers exist, each in the given state; nothing else carries the stack's identity. */
async function expectConverged(stack: TestStack, expected: Record<string, string>): Promise<void> {
  const onEngine = await containersOf(stack);
  const inState = stack.state.filter((r) => r.outputs.imageId !== undefined && !("repoTags" in r.outputs));
  expect(inState.map((r) => r.name).sort()).toEqual(Object.keys(expected).sort());
  expect(onEngine.map((c) => c.id).sort()).toEqual(inState.map((r) => r.id).sort());
  for (const r of inState) expect([r.name, onEngine.find((c) => c.id === r.id)?.state]).toEqual([r.name, expected[r.name]]);
  expect(stack.pendingDeletes).toEqual([]);
}

async function expectGoneAfterDestroy(stack: TestStack): Promise<void> {
  await stack.destroy();
  expect(await containersOf(stack)).toEqual([]);
}

const messages = (errors: Error[]) => errors.map((e) => e.message).join("\n");

interface Case {
  name: string;
  /** Up without faults first (for faults during a change). */
  before?: Partial<ContainerArgs>;
  /** The declaration up runs with the fault armed, and the recovery run. */
  args: Partial<ContainerArgs>;
  rule: FaultRule;
  /** The first up's error, or null when the provider recovers within the same up. */
  error: RegExp | null;
  /** Whether the first up leaves the container in the stack. */
  kept: boolean;
  state?: string;
  /** Checked after the recovery run. */
  check?: (info: Awaited<ReturnType<ReturnType<typeof docker.getContainer>["inspect"]>>) => void;
}

const cases: Case[] = [
  {
    name: "create refused (500, the engine never saw it)",
    args: {},
    rule: { kind: "POST /containers/create", fault: "fail" },
    error: /cannot create container "svc-\w+": injected fault: POST \/containers\/create failed\. The engine failed while doing it: check its log.*Nothing was created \(the engine has no container from this request\)/,
    kept: false,
  },
  {
    name: "create dropped before the engine saw it",
    args: {},
    rule: { kind: "POST /containers/create", fault: "drop" },
    error: /cannot create container "svc-\w+": the connection to the Docker engine at unix:\/\/\S+ broke before it answered POST \/containers\/create .*The outcome is unknown.*Nothing was created \(the engine has no container from this request\)/,
    kept: false,
  },
  {
    name: "create's answer lost after the engine made it",
    args: {},
    rule: { kind: "POST /containers/create", fault: "lose-answer" },
    error: /cannot create container "svc-\w+": the connection .* broke before it answered POST \/containers\/create.*The engine did create the container \([0-9a-f]{12}\): it is kept in the stack, and the next `pulumi up` finishes it/,
    kept: true,
  },
  {
    name: "create's answer never comes (deadline)",
    args: {},
    rule: { kind: "POST /containers/create", fault: "hang" },
    error: /cannot create container "svc-\w+": the Docker engine at unix:\/\/\S+ did not answer POST \/containers\/create \(create the container\) within 5(\.\d)? s.*Check that the engine at unix:\/\/\S+ runs and answers .*raise engineTimeouts\.change.*Nothing was created/,
    kept: false,
  },
  {
    name: "the inspect after create fails",
    args: {},
    rule: { kind: "GET /containers/{id}/json", fault: "fail" },
    error: /cannot create container "svc-\w+": could not inspect the container \(GET \/containers\/\{id\}\/json\): injected fault.*The engine did create the container/,
    kept: true,
  },
  {
    name: "the engine goes away right after answering create: the id it gave is kept",
    args: {},
    rule: { kind: "POST /containers/create", fault: "drop", after: true },
    error: /cannot create container "svc-\w+": could not inspect the container .*broke before it answered.*The engine did create the container \([0-9a-f]{12}\): it is kept in the stack, and the next `pulumi up` finishes it/,
    kept: true,
  },
  {
    name: "start refused (500): the message says once that the container is kept",
    args: {},
    rule: { kind: "POST /containers/{id}/start", fault: "fail" },
    error: /^(?![\s\S]*It is kept[\s\S]*It is kept)[\s\S]*container "svc-\w+" could not be brought to state "running": injected fault[\s\S]*It is kept in the stack; fix the cause and run `pulumi up` again/,
    kept: true,
  },
  {
    name: "start never answers",
    args: {},
    rule: { kind: "POST /containers/{id}/start", fault: "hang" },
    error: /container "svc-\w+" could not be brought to state "running": the Docker engine at \S+ did not answer POST \/containers\/\{id\}\/start \(start the container\) within 5(\.\d)? s\. The outcome is unknown.*Check that the engine .* runs and answers.*It is kept in the stack; the next `pulumi up` resumes it/,
    kept: true,
  },
  {
    name: "start's answer lost after the engine started it: the re-inspect finds it running",
    args: {},
    rule: { kind: "POST /containers/{id}/start", fault: "lose-answer" },
    error: null,
    kept: true,
  },
  {
    name: "in-place update's answer lost after the engine applied it",
    before: { memory: "64m" },
    args: { memory: "96m" },
    rule: { kind: "POST /containers/{id}/update", fault: "lose-answer" },
    error: null,
    kept: true,
    check: (info) => expect(info.HostConfig.Memory).toBe(96 * 1024 * 1024),
  },
  {
    name: "in-place update fails (500): the re-inspect shows it not applied",
    before: { memory: "64m" },
    args: { memory: "96m" },
    rule: { kind: "POST /containers/{id}/update", fault: "fail" },
    error: /container "svc-\w+": the outcome of a change was unknown \(cannot change memory of container "svc-\w+" in place: injected fault.*\); inspecting the container again shows memory not applied/,
    kept: true,
    check: (info) => expect(info.HostConfig.Memory).toBe(96 * 1024 * 1024),
  },
  {
    name: "rename fails (500)",
    before: { name: `dw-fault-${run}-a` },
    args: { name: `dw-fault-${run}-b` },
    rule: { kind: "POST /containers/{id}/rename", fault: "fail" },
    error: /cannot rename container "dw-fault-\w+-a" to "dw-fault-\w+-b": injected fault.*not applied/,
    kept: true,
    check: (info) => expect(info.Name).toBe(`/dw-fault-${run}-b`),
  },
  {
    name: "network connect's answer lost after the engine connected it",
    before: {},
    args: { networks: ["bridge", `dw-fault-${run}`] },
    rule: { kind: "POST /networks/{id}/connect", fault: "lose-answer" },
    error: null,
    kept: true,
    check: (info) => expect(Object.keys(info.NetworkSettings.Networks).sort()).toEqual(["bridge", `dw-fault-${run}`]),
  },
  {
    name: "stop never answers",
    before: {},
    args: { state: "stopped" },
    rule: { kind: "POST /containers/{id}/stop", fault: "hang" },
    error: /container "svc-\w+" could not be brought to state "stopped": the Docker engine at \S+ did not answer POST \/containers\/\{id\}\/stop \(stop the container\) within 15(\.\d)? s/,
    kept: true,
    state: "exited",
  },
  {
    name: "the old container's remove fails during a replacement",
    before: { env: { V: "1" } },
    args: { env: { V: "2" } },
    rule: { kind: "DELETE /containers/{id}", fault: "fail" },
    error: /cannot remove container "svc-\w+": injected fault: DELETE \/containers\/\{id\} failed\. It is still on the engine/,
    kept: true,
    check: (info) => expect(info.Config.Env).toContain("V=2"),
  },
];

describe("a single fault, then up again: exactly the declared containers, no orphan", () => {
  let network: Awaited<ReturnType<typeof testNetwork>>;
  beforeAll(async () => {
    network = await testNetwork(`dw-fault-${run}`);
  });
  afterAll(async () => {
    await network?.remove();
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const stack = fx.newStack();
    const program = (args: Partial<ContainerArgs>) => () => {
      new Container("svc", service(args));
    };
    if (c.before) await stack.up(program(c.before));
    proxy.arm(c.rule);
    let first;
    try {
      first = await stack.up(program(c.args), { allowErrors: true });
    } finally {
      proxy.disarm();
    }
    // With `after`, the faults fall on the calls that follow the rule's own.
    if (c.rule.after) expect(proxy.injected.length).toBeGreaterThan(0);
    else expect(proxy.injected.at(-1)).toBe(`${c.rule.fault} ${c.rule.kind}`);
    if (c.error) expect(messages(first.errors)).toMatch(c.error);
    else expect(messages(first.errors)).toBe("");
    expect(stack.resource("svc") !== undefined).toBe(c.kept);

    await stack.up(program(c.args));
    await expectConverged(stack, { svc: c.state ?? "running" });
    if (c.check) c.check(await docker.getContainer(stack.resource("svc")!.id).inspect());
    await expectGoneAfterDestroy(stack);
  });
});

test("remove during destroy: a lost answer is checked by inspect and counts as done; a failure keeps it in the stack", async () => {
  const stack = fx.newStack();
  await stack.up(() => void new Container("svc", service()));
  const id = stack.resource("svc")!.id;
  proxy.arm({ kind: "DELETE /containers/{id}", fault: "fail" });
  const failed = await stack.destroy().catch((e: Error) => e);
  proxy.disarm();
  expect(String((failed as Error).message)).toMatch(/cannot remove container "svc-\w+": injected fault: DELETE \/containers\/\{id\} failed\. It is still on the engine; run the command again/);
  expect(stack.resource("svc")?.id).toBe(id);

  proxy.arm({ kind: "DELETE /containers/{id}", fault: "lose-answer" });
  try {
    await stack.destroy();
  } finally {
    proxy.disarm();
  }
  expect(stack.state).toEqual([]);
  expect(await containersOf(stack)).toEqual([]);
});

test("a run killed after create, before Pulumi saved the container: the next up takes it over, never a second one", async () => {
  const stack = fx.newStack();
  const program = () => void new Container("svc", service());
  // Created, then the start never answers; the run is abandoned there, as when \`pulumi up\` is killed: the state
  // never learns the container (the test engine forgets what the provider reported).
  proxy.arm({ kind: "POST /containers/{id}/start", fault: "hang" });
  try {
    await stack.up(program, { allowErrors: true });
  } finally {
    proxy.disarm();
  }
  const leftover = stack.resource("svc")!.id;
  stack.state = [];
  expect(await containersOf(stack)).toEqual([expect.objectContaining({ id: leftover, state: "created" })]);

  const next = await stack.up(program);
  expect(next.steps.svc).toEqual({ op: "create" });
  expect(stack.resource("svc")!.id).toBe(leftover);
  await expectConverged(stack, { svc: "running" });
  await expectGoneAfterDestroy(stack);
});

test("a leftover that no longer matches the declaration is removed, and the declared container created", async () => {
  const stack = fx.newStack();
  await stack.up(() => void new Container("svc", service({ env: { V: "1" } })));
  const leftover = stack.resource("svc")!.id;
  stack.state = [];
  await stack.up(() => void new Container("svc", service({ env: { V: "2" } })));
  const now = stack.resource("svc")!.id;
  expect(now).not.toBe(leftover);
  await expect(docker.getContainer(leftover).inspect()).rejects.toMatchObject({ statusCode: 404 });
  await expectConverged(stack, { svc: "running" });
  await expectGoneAfterDestroy(stack);
});

test("a create-before-delete replacement keeps the stack's own container until the new one exists", async () => {
  const stack = fx.newStack();
  await stack.up(() => void new Container("svc", service({ env: { V: "1" } })));
  const old = stack.resource("svc")!.id;
  const result = await stack.up(() => void new Container("svc", service({ env: { V: "2" } })));
  expect(result.steps.svc.op).toBe("replace");
  // The new one was created beside the old one (not taken for a leftover), then the old one deleted.
  expect(stack.resource("svc")!.id).not.toBe(old);
  expect(stack.calls.filter((c) => c.op === "delete").length).toBe(1);
  await expectConverged(stack, { svc: "running" });
  await expectGoneAfterDestroy(stack);
});

test("pull fails (500): nothing is created; up again pulls and converges", async () => {
  const registry = await startRegistry();
  const ref = `${registry.host}/dockwright-test/fault-pull:${run}`;
  try {
    await registry.push(BASE_IMAGE, `dockwright-test/fault-pull:${run}`);
    await removeImage(ref);
    const stack = fx.newStack();
    const program = () => void new Container("svc", service({ image: ref }));
    proxy.arm({ kind: "POST /images/create", fault: "fail" });
    let first;
    try {
      first = await stack.up(program, { allowErrors: true });
    } finally {
      proxy.disarm();
    }
    expect(messages(first.errors)).toMatch(/svc.*injected fault: POST \/images\/create failed/);
    expect(stack.resource("svc")).toBeUndefined();
    expect(await containersOf(stack)).toEqual([]);
    await stack.up(program);
    await expectConverged(stack, { svc: "running" });
    await expectGoneAfterDestroy(stack);
  } finally {
    await removeImage(ref);
    await registry.stop();
  }
});

describe("ContainerCommit", () => {
  const imagesOf = async (stack: TestStack) => {
    const prefix = `${stack.project}/${stack.stackName}/ContainerCommit/`;
    const list = await docker.listImages({ all: true, filters: JSON.stringify({ label: ["dockwright.identity"] }) });
    return list.filter((i) => (i.Labels?.["dockwright.identity"] ?? "").startsWith(prefix)).map((i) => i.Id);
  };

  test.each<[string, FaultRule, RegExp | null]>([
    ["the commit's answer is lost after the engine made the image: it is found and used", { kind: "POST /commit", fault: "lose-answer" }, null],
    ["the commit fails (500): nothing is made", { kind: "POST /commit", fault: "fail" }, /cannot create commit "snap": injected fault: POST \/commit failed.*Nothing was created/],
  ])("%s", async (_name, rule, error) => {
    const stack = fx.newStack();
    const program = () => {
      const web = new Container("web", service());
      new ContainerCommit("snap", { container: web.id, host: proxy.host, engineTimeouts: FAST, changes: ["LABEL dockwright-test=" + run] });
    };
    await stack.up(() => void new Container("web", service()));
    proxy.arm(rule);
    let first;
    try {
      first = await stack.up(program, { allowErrors: true });
    } finally {
      proxy.disarm();
    }
    if (error) expect(messages(first.errors)).toMatch(error);
    else expect(messages(first.errors)).toBe("");
    await stack.up(program);
    const snap = stack.resource("snap")!;
    expect(await imagesOf(stack)).toEqual([snap.id]);
    expect(snap.outputs.config.labels).toMatchObject({ "dockwright-test": run });
    expect(Object.keys(snap.outputs.config.labels).filter((k) => k.startsWith("dockwright."))).toEqual([]);
    await stack.destroy();
    expect(await imagesOf(stack)).toEqual([]);
  });

  test("an image left by a run that did not finish is removed by the next up", async () => {
    const stack = fx.newStack();
    const program = () => {
      const web = new Container("web", service());
      new ContainerCommit("snap", { container: web.id, host: proxy.host, changes: ["LABEL dockwright-test=" + run] });
    };
    await stack.up(program);
    const leftover = stack.resource("snap")!.id;
    stack.state = stack.state.filter((r) => r.name !== "snap");
    await stack.up(program);
    expect(stack.resource("snap")!.id).not.toBe(leftover);
    expect(await imagesOf(stack)).toEqual([stack.resource("snap")!.id]);
    await stack.destroy();
    expect(await imagesOf(stack)).toEqual([]);
  });
});

test("an engine that is not there: the message names the container and the address", async () => {
  const stack = fx.newStack();
  const result = await stack.up(() => void new Container("svc", service({ host: `unix:///tmp/dw-no-engine-${run}.sock` })), { allowErrors: true });
  expect(messages(result.errors)).toMatch(
    /cannot create container "svc-\w+": cannot reach the Docker engine at unix:\/\/\/tmp\/dw-no-engine-\w+\.sock: connect ENOENT .*Check that an engine answers there/,
  );
});

test("an engine that never answers: up fails within the lookup deadline (30 s by default), naming the call, the engine and the time", async () => {
  const silent = await FaultProxy.start();
  silent.arm({ kind: "*", fault: "hang", every: true });
  try {
    const stack = fx.newStack();
    const started = Date.now();
    const result = await stack.up(() => void new Container("svc", { image: BASE_IMAGE, labels: testLabels(), host: silent.host }), { allowErrors: true });
    const seconds = (Date.now() - started) / 1000;
    expect(messages(result.errors)).toMatch(
      /cannot create container "svc-\w+": cannot reach the Docker engine at unix:\/\/\S+: the Docker engine at \S+ did not answer GET \/(version|info) \(ask the engine its (version|settings)\) within 30(\.\d)? s\. Check that the engine runs and answers/,
    );
    expect(seconds).toBeGreaterThanOrEqual(30);
    expect(seconds).toBeLessThan(45);
    // For the closing note: the measured time to fail.
    console.log(`time to fail against an engine that never answers: ${seconds.toFixed(1)} s`);
  } finally {
    await silent.stop();
  }
}, 90_000);
