// Replacement that keeps the service up, under the real CLI: swap (stop-first) and start-first while a client asks
// the server every 20 ms, rollback when the new container does not become ready, and a provider killed mid-swap.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { request } from "http";
import { CliStack, ok, useCliStacks } from "../support/cli";
import { docker, eventually, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { freePort } from "../support/ports";
import { startPolling } from "../support/poller";

const PROGRAM = join(__dirname, "programs", "swap");
const PROJECT = "dockwright-swap";

const stacks = useCliStacks();
const newStack = () => stacks.stack(PROGRAM, PROJECT);

/** Every container of the stack's resource "web" on the engine, by its identity label. */
async function onEngine(stack: CliStack) {
  const identity = `${PROJECT}/${stack.stack}/Container/web`;
  return docker.listContainers({ all: true, filters: JSON.stringify({ label: [`dockwright.identity=${identity}`] }) });
}

const webInState = (stack: CliStack) => stack.exportState().deployment.resources.find((r: any) => r.type.includes("Container"));

/** Destroy succeeds and no container of the stack is left on the engine. */
async function destroyLeavesNothing(stack: CliStack): Promise<void> {
  ok(await stack.destroy());
  expect(await onEngine(stack)).toEqual([]);
}

/** A new stack whose "web" runs generation 1 under a fixed name and a fixed host port. */
async function upNamedServer() {
  const stack = newStack();
  const port = await freePort();
  const name = `swap-${stack.stack}`;
  const base = { image: BASE_IMAGE, labels: testLabels(), port: `127.0.0.1:${port}:80`, name };
  stack.setConfig({ ...base, generation: "1" });
  ok(await stack.up());
  return { stack, port, name, base, old: webInState(stack) };
}

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: "/", agent: false, timeout: 2000 }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve(body.trim()));
    })
      .on("error", reject)
      .end();
  });
}

async function portOf(name: string): Promise<number | undefined> {
  const binding = (await docker.getContainer(name).inspect()).NetworkSettings.Ports?.["80/tcp"]?.[0];
  return binding ? Number(binding.HostPort) : undefined;
}

test("start-first with a fixed name and a random host port: a client that finds the server by the container's name never misses an answer", async () => {
  const stack = newStack();
  const name = `swap-${stack.stack}`;
  const base = { image: BASE_IMAGE, labels: testLabels(), port: "127.0.0.1::80", name, updateOrder: "start-first" };
  stack.setConfig({ ...base, generation: "1" });
  ok(await stack.up());
  const old = webInState(stack);
  const oldPort = Number(old.outputs.ports[0].host);
  expect(await get(oldPort)).toBe("1");

  stack.setConfig({ ...base, generation: "2" });
  // The name moves in two renames (old aside, new to the name), a few ms apart, when it names no container: the
  // client keeps the port it found last, where the old container still serves.
  let lastFound = oldPort;
  const byName = startPolling(async () => (lastFound = (await portOf(name).catch(() => undefined)) ?? lastFound));
  const up = ok(await stack.up());
  const report = await byName.stop();
  expect(up.steps).toEqual({ web: "replace" });
  expect(up.text).toContain(`container "${name}": replace, start-first: no interruption`);
  // No failed poll, and the new container answered before the run ended.
  expect({ failed: report.failed, failures: report.failures, served: report.served }).toEqual({ failed: 0, failures: [], served: ["1", "2"] });
  const containers = await onEngine(stack);
  expect(containers.map((c) => [c.Id, c.Names])).toEqual([[webInState(stack).id, [`/${name}`]]]);
  expect(containers[0].Id).not.toBe(old.id);
  await destroyLeavesNothing(stack);
});

test("stop-first with a fixed host port: the swap takes the port over; the old container is gone at the end of the run", async () => {
  const stack = newStack();
  const port = await freePort();
  const base = { image: BASE_IMAGE, labels: testLabels(), port: `127.0.0.1:${port}:80` };
  stack.setConfig({ ...base, generation: "1" });
  ok(await stack.up());
  const old = webInState(stack);
  stack.setConfig({ ...base, generation: "2" });
  const planned = ok(await stack.preview());
  expect(planned.text).toContain(`container "${old.outputs.name}": replace, swap: stop old, start new`);
  const poller = startPolling(async () => port);
  const up = ok(await stack.up());
  const report = await poller.stop();
  expect(up.steps).toEqual({ web: "replace" });
  expect(report.served).toEqual(["1", "2"]);
  expect(await get(port)).toBe("2");
  const containers = await onEngine(stack);
  expect(containers.map((c) => c.Id)).toEqual([webInState(stack).id]);
  expect(containers[0].Id).not.toBe(old.id);
  await destroyLeavesNothing(stack);
});

test("rollback: a new container that fails readiness leaves the old one running under its name and serving, the stack holding it; the next up after the fix replaces it", async () => {
  const { stack, port, name, base, old } = await upNamedServer();

  // The new generation's healthcheck never passes.
  stack.setConfig({ ...base, generation: "2", healthTest: "false" });
  const failed = await stack.up();
  expect(failed.code).not.toBe(0);
  expect(failed.text).toMatch(
    new RegExp(
      `container "${name}": the new container did not start and become ready: its healthcheck reports unhealthy\\.[\\s\\S]*` +
        `The replacement was rolled back: the new container was removed \\(none is left\\)\\. The old container ${old.id.slice(0, 12)} is running as "${name}" again, and the stack still holds it\\.`,
    ),
  );
  const kept = webInState(stack);
  expect(kept.id).toBe(old.id);
  expect(kept.outputs.name).toBe(name);
  const info = await docker.getContainer(old.id).inspect();
  expect(info.State.Running).toBe(true);
  expect(info.Name).toBe(`/${name}`);
  expect(await get(port)).toBe("1");
  expect((await onEngine(stack)).map((c) => c.Id)).toEqual([old.id]);

  stack.setConfig({ ...base, generation: "2", healthTest: undefined });
  const fixed = ok(await stack.up());
  expect(fixed.steps).toEqual({ web: "replace" });
  expect(await get(port)).toBe("2");
  const [now] = await onEngine(stack);
  expect((await onEngine(stack)).length).toBe(1);
  expect(now.Id).toBe(webInState(stack).id);
  expect(now.Names).toEqual([`/${name}`]);
  await destroyLeavesNothing(stack);
});

/** The dynamic provider process that `pid` (the runner) started through the CLI. */
function providerProcess(pid: number): number | undefined {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const isDescendant = (p: number): boolean => p === pid || (parents.has(p) && p !== 1 && isDescendant(parents.get(p)!));
  for (const p of parents.keys()) {
    if (p === pid || !isDescendant(p)) continue;
    const cmdline = (() => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8");
      } catch {
        return "";
      }
    })();
    if (cmdline.includes("cmd/dynamic-provider")) return p;
  }
  return undefined;
}

test("the provider killed mid-swap (old stopped and aside, the new one starting): the next up removes the new one and swaps again, leaving one container", async () => {
  const { stack, port, name, base, old } = await upNamedServer();

  // The new container never becomes healthy (and is not declared unhealthy for a long while): up waits.
  stack.setConfig({ ...base, generation: "2", healthTest: "false", healthRetries: 10000 });
  let killed: number | undefined;
  const interrupted = await stack.run("up", [], (child) => {
    eventually(
      "the new container running while the old one is stopped",
      async () => {
        const all = await onEngine(stack);
        const fresh = all.find((c) => c.Id !== old.id && c.State === "running");
        const stale = all.find((c) => c.Id === old.id && c.State !== "running");
        return fresh && stale ? providerProcess(child.pid!) : undefined;
      },
      90000,
    )
      .then((pid) => {
        killed = pid;
        process.kill(pid, "SIGKILL");
      })
      .catch(() => undefined);
  });
  expect(killed).toBeDefined();
  expect(interrupted.code).not.toBe(0);
  // Cut off: the stack still holds the old container, stopped and aside; the new one has the name and the port.
  expect(webInState(stack).id).toBe(old.id);
  const left = await onEngine(stack);
  expect(left).toHaveLength(2);
  expect(left.find((c) => c.Id === old.id)?.Names).toEqual([`/${name}-replaced-${old.id.slice(0, 8)}`]);

  stack.setConfig({ ...base, generation: "2", healthTest: undefined, healthRetries: undefined });
  const resumed = ok(await stack.up());
  expect(resumed.steps).toEqual({ web: "replace" });
  expect(resumed.text).toMatch(/removing \w{12} \(\/?swap-[\w-]+\), left on the engine by an earlier run that did not finish/);
  expect(await get(port)).toBe("2");
  const now = await onEngine(stack);
  expect(now).toHaveLength(1);
  expect(now[0].Id).toBe(webInState(stack).id);
  expect(left.map((c) => c.Id)).not.toContain(now[0].Id);
  expect(now[0].Names).toEqual([`/${name}`]);
  await destroyLeavesNothing(stack);
});
