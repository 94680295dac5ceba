// The engine stopped and restarted mid-deployment (issue 18), against a private engine the test starts, kills
// with SIGKILL and starts again on the same data root (tests/support/private-engine.ts), through the real provider
// host. dockerd dies while it answers the create, or the start, of one container of a deployment: the interrupted
// up fails saying the connection to the engine at its address broke (or the engine could not be reached), and the
// next up converges to exactly the declared containers, all running, every one in the stack, no orphan, no
// duplicate; destroy then leaves nothing.
import { Container } from "dockwright";
import { eventually, testLabels } from "../support/engine";
import { useProviderHost } from "../support/fixture";
import { BASE_IMAGE, IDLE_SCRIPT } from "../support/images";
import { usePrivateEngine } from "../support/private-engine";
import type { TestStack } from "../support/stack";

const fx = useProviderHost();
const pe = usePrivateEngine();
const run = testLabels()["dockwright-test"];

const N = 6;
const names = [...Array(N).keys()].map((i) => `svc${i}`);
/** The container whose create or start the crash interrupts: some of the chain is up before it, some never declared. */
const HIT = names[2];

/**
 * A chain of N containers: each is declared once the one before is up (its create returned and it is in the stack
 * without an init error), as a program whose resources depend on each other deploys. A failed one ends the
 * program, as the engine stops a deployment at its first error. (The chain is kept by the program rather than by
 * dependsOn or inputs: the test engine in tests/support/stack.ts never settles a resource whose dependency failed.)
 * No healthcheck: a health-check exec that dockerd dies in the middle of holds its container's shim for 30 s
 * (containerd's exec start waits that long for the stdio fifos' reader), which would only slow the restart down.
 */
const chain = (stack: TestStack) => async () => {
  for (const name of names) {
    const container = new Container(name, {
      image: BASE_IMAGE,
      command: ["sh", "-c", IDLE_SCRIPT],
      labels: testLabels(),
      host: pe.engine.host,
      // The private engine has no bridge.
      networkMode: "none",
    });
    // Up: Pulumi has its URN back. Failed: its create or update returned and left it out of the stack or failed.
    const calls = () => stack.calls.filter((call) => call.name === name).length;
    const before = calls();
    let settled = false;
    const up = (container.urn as any).promise().then(
      () => (settled = true),
      () => !(settled = true),
    );
    // Stops polling once the URN settles: a poll left running would keep Jest waiting for its deadline.
    const failed = eventually(`${name} to be up or failed`, async () => {
      if (settled) return true;
      const res = stack.resource(name);
      return calls() > before && (!res || res.initErrors) ? false : undefined;
    }, 90_000);
    if (!(await Promise.race([up, failed]))) return;
  }
};

interface Found {
  id: string;
  state: string;
  /** The resource it belongs to, from its identity label. */
  resource: string;
}

/** This stack's containers on the private engine, found by the test run's label and the identity label, whatever the state says. */
async function containersOf(stack: TestStack): Promise<Found[]> {
  const prefix = `${stack.project}/${stack.stackName}/`;
  const list = await pe.engine.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`dockwright-test=${run}`] }) });
  return list
    .filter((c) => (c.Labels["dockwright.identity"] ?? "").startsWith(prefix))
    .map((c) => ({ id: c.Id, state: c.State, resource: c.Labels["dockwright.identity"].split("/").pop()! }));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const summary = (found: Found[]) => found.map((c) => `${c.resource}=${c.state}`).sort().join(", ") || "none";

test.each(["create", "start"])(
  "the engine killed at the %s of a container mid-deployment and restarted: up fails naming the engine, the next up converges with no orphan and no duplicate",
  async (action) => {
    const stack = fx.newStack();
    const { killed } = await pe.engine.killOnEvent({
      type: ["container"],
      event: [action],
      label: [`dockwright.identity=${stack.project}/${stack.stackName}/Container/${HIT}`],
    });
    const started = Date.now();
    const interrupted = stack.up(chain(stack), { allowErrors: true });
    await Promise.race([
      killed,
      interrupted.then((r) => {
        throw new Error(`the up ended before the engine was killed: ${JSON.stringify(r.steps)}\n${r.errors.map((e) => e.message).join("\n")}`);
      }),
    ]);
    const killedAt = Date.now();

    const first = await interrupted;
    const failedAt = Date.now();
    const message = first.errors.map((e) => e.message).join("\n");
    const known = stack.state.map((r) => r.id);
    console.log(
      `${action}: dockerd killed at the ${action} of ${HIT}, ${seconds(killedAt - started)} into up; the interrupted up failed ` +
        `${seconds(failedAt - killedAt)} after the kill, with:\n${message}\n` +
        `steps: ${JSON.stringify(first.steps)}; in the stack: ${stack.state.map((r) => `${r.name}${r.initErrors ? " (init error)" : ""}`).join(", ")}`,
    );
    expect(first.errors.length).toBeGreaterThan(0);
    const address = pe.engine.host.replace(/[/.]/g, (c) => `\\${c}`);
    // Killed with a request in flight, the connection breaks; killed between requests, the next one is refused.
    // Either way the message names the container and the engine's address, and says what the next up does.
    expect(message).toMatch(
      new RegExp(
        `container "svc\\d-\\w+".*(the connection to the Docker engine at ${address} broke before it answered|` +
          `the Docker engine could not be reached at ${address}|cannot reach the Docker engine at ${address}).*pulumi up`,
        "s",
      ),
    );
    // Every sentence ends before the next begins (the engine's hint has no full stop of its own).
    expect(message).not.toMatch(/[a-z] It is kept/);
    // The chain stopped at the failure: the rest was never declared.
    expect(stack.state.length).toBeLessThan(N);

    const restarting = Date.now();
    await pe.engine.restart();
    const restartMs = Date.now() - restarting;
    const afterRestart = await containersOf(stack);
    const unknown = afterRestart.filter((c) => !known.includes(c.id));
    console.log(
      `${action}: dockerd restarted on the same data root in ${seconds(restartMs)}; on the engine: ${summary(afterRestart)} ` +
        `(${afterRestart.length} containers, ${unknown.length} unknown to the stack: ${summary(unknown)})`,
    );
    // Every container the stack learned survived the crash; the engine holds at most one the stack does not know:
    // the one whose create was in flight, which the next up must take over rather than make again.
    expect(afterRestart.map((c) => c.id)).toEqual(expect.arrayContaining(known));
    expect(unknown.length).toBeLessThanOrEqual(1);

    const recovering = Date.now();
    const recovery = await stack.up(chain(stack));
    const onEngine = await containersOf(stack);
    const resources = onEngine.map((c) => c.resource);
    console.log(
      `${action}: the recovery up took ${seconds(Date.now() - recovering)}; on the engine: ${summary(onEngine)}; declared ${N}, ` +
        `found ${onEngine.length}, orphans ${onEngine.filter((c) => !stack.state.some((r) => r.id === c.id)).length}, ` +
        `duplicates ${resources.length - new Set(resources).size}; steps: ${JSON.stringify(recovery.steps)}`,
    );

    // Exactly N, one per resource, each the one the stack holds, all running.
    expect(stack.state.map((r) => r.name).sort()).toEqual([...names].sort());
    expect(resources.sort()).toEqual([...names].sort());
    expect(onEngine.map((c) => c.id).sort()).toEqual(stack.state.map((r) => r.id).sort());
    expect(onEngine.map((c) => c.state)).toEqual(names.map(() => "running"));
    expect(stack.pendingDeletes).toEqual([]);
    for (const r of stack.state) expect(r.initErrors).toBeUndefined();
    // The containers that existed before the recovery are the same ones (taken over or resumed, not made again).
    for (const before of afterRestart) expect(onEngine.map((c) => c.id)).toContain(before.id);

    await stack.destroy();
    expect(await containersOf(stack)).toEqual([]);
  },
  180_000,
);
