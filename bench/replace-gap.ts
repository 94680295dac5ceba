// How long a service is unreachable while `pulumi up` replaces its container, under the real Pulumi CLI.
//
//   npm run bench:replace -- [--runs N] [--delete-first] [--no-order]
//
// A small HTTP server (busybox httpd, tests/cli/programs/swap) is replaced by an env change while clients ask
// it for a page every 20 ms on 127.0.0.1, and the longest time without an answer is printed:
// (a) a fixed host port, updateOrder "stop-first" (the default): the client asks the fixed port;
// (b) a random host port ("127.0.0.1::80") and a fixed name, updateOrder "start-first": one client asks the
//     port of the container that has the name (as a proxy resolving containers by name does), another the port
//     Pulumi last reported in the resource's `ports` output during the run.
// --delete-first: the old container is deleted before the new one is created (Pulumi's deleteBeforeReplace,
// which is what dockwright did for these containers before the swap). --no-order: updateOrder is not declared
// (for a build that does not know it).
import { randomBytes } from "crypto";
import { join } from "path";
import { CliStack, lastOutputs, ok } from "../tests/support/cli";
import { docker, testLabels } from "../tests/support/engine";
import { BASE_IMAGE, ensureTestImages } from "../tests/support/images";
import { freePort } from "../tests/support/ports";
import { startPolling, type PollReport } from "../tests/support/poller";
import { REPO_ROOT } from "../tests/support/checkout";

const PROGRAM = join(REPO_ROOT, "tests", "cli", "programs", "swap");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 3) || 3;
const deleteFirst = args.includes("--delete-first");
const noOrder = args.includes("--no-order");

type Client = "fixed port" | "by name" | "by output";

interface Case {
  label: string;
  config(): Promise<Record<string, unknown>>;
  clients: Client[];
}

const CASES: Case[] = [
  { label: "(a) fixed host port, stop-first", config: async () => ({ port: `127.0.0.1:${await freePort()}:80`, updateOrder: "stop-first" }), clients: ["fixed port"] },
  {
    label: "(b) random host port, fixed name, start-first",
    config: async () => ({ port: "127.0.0.1::80", name: `swap-bench-${randomBytes(3).toString("hex")}`, updateOrder: "start-first" }),
    clients: ["by name", "by output"],
  },
];

/** The published port of the container with this name, as the engine reports it now. */
async function portByName(name: string): Promise<number | undefined> {
  const info = await docker.getContainer(name).inspect();
  const binding = info.NetworkSettings.Ports?.["80/tcp"]?.[0];
  return binding ? Number(binding.HostPort) : undefined;
}

async function measure(c: Case): Promise<Record<Client, PollReport>> {
  const stack = new CliStack(PROGRAM, "dockwright-swap-bench");
  try {
    const config = await c.config();
    if (noOrder) delete config.updateOrder;
    const base = { image: BASE_IMAGE, labels: testLabels(), deleteFirst, ...config };
    stack.setConfig({ ...base, generation: "1" });
    ok(await stack.up());
    const before = stack.exportState().deployment.resources.find((r: any) => r.type.includes("Container"));
    const fixedPort = Number(before.outputs.ports[0].host);
    stack.setConfig({ ...base, generation: "2" });
    let eventLog = "";
    // Between the two renames of a swap (a few ms) the name names no container: keep the port found last.
    let lastFound = fixedPort;
    const target: Record<Client, () => Promise<number | undefined>> = {
      "fixed port": async () => fixedPort,
      "by name": async () => (lastFound = (await portByName(String(config.name)).catch(() => undefined)) ?? lastFound),
      // The port the run reported last, else the one the stack held before the run.
      "by output": async () => Number((eventLog && lastOutputs(eventLog, "web")?.ports?.[0]?.host) || fixedPort),
    };
    const pollers = c.clients.map((client) => [client, startPolling(target[client])] as const);
    const up = ok(
      await stack.run("up", [], (_child, log) => {
        eventLog = log;
      }),
    );
    const reports = Object.fromEntries(await Promise.all(pollers.map(async ([client, p]) => [client, await p.stop()] as const))) as Record<Client, PollReport>;
    if (up.steps.web !== "replace") throw new Error(`expected a replacement, got ${JSON.stringify(up.steps)}`);
    for (const r of Object.values(reports)) if (!r.served.includes("2")) throw new Error(`the new container never answered: ${JSON.stringify(r)}`);
    ok(await stack.destroy());
    return reports;
  } finally {
    await stack.dispose();
  }
}

async function main(): Promise<void> {
  await ensureTestImages();
  const mode = deleteFirst ? "delete first (Pulumi deleteBeforeReplace)" : noOrder ? "updateOrder not declared" : "updateOrder as named";
  console.log(`Replacement downtime under the real CLI, ${runs} runs per case, ${mode}; client polls every 20 ms`);
  for (const c of CASES) {
    const results: Record<string, PollReport[]> = {};
    for (let i = 0; i < runs; i++) {
      const reports = await measure(c);
      for (const [client, report] of Object.entries(reports)) (results[client] ??= []).push(report);
    }
    for (const [client, reports] of Object.entries(results)) {
      const gaps = reports.map((r) => r.longestGapMs).sort((x, y) => x - y);
      const failed = reports.map((r) => r.failed);
      console.log(
        `${c.label}, client ${client}: longest gap without an answer ${gaps.join(" / ")} ms (median ${gaps[Math.floor(gaps.length / 2)]}); ` +
          `failed polls ${failed.join(" / ")} of ${reports.map((r) => r.polls).join(" / ")}`,
      );
      for (const r of reports) if (r.failures.length) console.log(`  e.g. ${r.failures[0]}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
