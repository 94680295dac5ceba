// One benchmark run for N containers: every phase through the real provider host and TestStack ("ours"), the
// same end state with direct dockerode calls ("floor"), and the in-place changes applied by replacement.
import Docker from "dockerode";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { ContainerArgs } from "../dist/sdk";
import { docker, testLabels } from "../tests/support/engine";
import { EngineLogServer } from "../tests/support/engine-log";
import { ProviderHost } from "../tests/support/host";
import { BASE_IMAGE } from "../tests/support/images";
import { TestStack, type RunResult, type ResourceState } from "../tests/support/stack";
import { Floor, type Shape } from "./floor";
import { measure, recordRpcs, type PhaseResult, type RpcSpan, type Variant } from "./measure";
import { NullResource } from "./null-resource";
import { HostProfiler, SelfProfiler, type ProfileSummary } from "./profile";
import { ENGINE_SOCKET, ProxyProcess } from "./proxy";

const MiB = 1024 * 1024;

/** The repository root (where package.json and the built dist/ are). */
export function repoRoot(): string {
  return join(__dirname, "..", "..", "..");
}

/** The declared containers after each phase: one field moves at a time. */
interface Spec {
  prefix: string;
  memory: number;
  cpus: number;
  network?: string;
  env?: Record<string, string>;
}

function args(spec: Spec, i: number): ContainerArgs {
  return {
    image: BASE_IMAGE,
    labels: testLabels(),
    name: `${spec.prefix}${i}`,
    memory: `${spec.memory}m`,
    cpus: spec.cpus,
    ...(spec.network ? { networks: ["bridge", spec.network] } : {}),
    ...(spec.env ? { env: spec.env } : {}),
  };
}

function shape(spec: Spec, i: number): Shape {
  return {
    name: `${spec.prefix}${i}`,
    memoryBytes: spec.memory * MiB,
    nanoCpus: spec.cpus * 1e9,
    network: spec.network,
    env: spec.env ? Object.entries(spec.env).map(([k, v]) => `${k}=${v}`) : undefined,
  };
}

function countSteps(result: RunResult): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const s of Object.values(result.steps)) steps[s.op] = (steps[s.op] ?? 0) + 1;
  return steps;
}

/** Fails the run when a phase did not do what it measures (a replace where an update was meant would mislead). */
function expectSteps(phase: string, result: RunResult, op: string, n: number): Record<string, number> {
  const steps = countSteps(result);
  if (steps[op] !== n || Object.keys(steps).length !== 1) {
    throw new Error(`${phase}: expected ${n} x ${op}, the stack did ${JSON.stringify(steps)}`);
  }
  return steps;
}

interface RunOptions {
  n: number;
  /** Prefix of every name this run creates (containers, network). */
  tag: string;
  log: (line: string) => void;
  /** How often the phases that can run again in place run (the median is reported). */
  repeat: number;
  /** The host talks to the engine socket directly: no calls counted, to see what the counting proxy costs. */
  direct?: boolean;
  /** Profile the host and the bench process per phase, writing the host's profiles here. */
  profileDir?: string;
}

export async function benchLifecycle({ n, tag, log, profileDir, direct, repeat }: RunOptions): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  const work = mkdtempSync(join(tmpdir(), "dockwright-bench-"));
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => rmSync(work, { recursive: true, force: true })];
  try {
    // The host runs where a user's program would: dockwright installed in node_modules (this repository's build).
    mkdirSync(join(work, "node_modules"));
    symlinkSync(repoRoot(), join(work, "node_modules", "dockwright"));

    const network = `${tag}-net`;
    await docker.createNetwork({ Name: network, Labels: testLabels() });
    // dockerd 20.10 can keep an endpoint count for a network whose containers were all force-removed at once
    // ("has active endpoints" with no containers): say so instead of failing silently.
    cleanups.push(() =>
      docker
        .getNetwork(network)
        .remove()
        .catch((err: Error) => log(`could not remove network ${network} (labelled, empty): ${err.message}`)),
    );

    const oursProxy = await ProxyProcess.start(join(work, "ours.sock"));
    cleanups.push(() => oursProxy.stop());
    const floorProxy = await ProxyProcess.start(join(work, "floor.sock"));
    cleanups.push(() => floorProxy.stop());
    const engineLog = await EngineLogServer.start();
    cleanups.push(() => engineLog.stop());
    const host = await ProviderHost.start({
      cwd: work,
      engineAddress: engineLog.address,
      env: {
        DOCKER_HOST: direct ? `unix://${ENGINE_SOCKET}` : oursProxy.dockerHost,
        ...(profileDir
          ? { NODE_OPTIONS: `--require ${join(__dirname, "profile-preload.js")}`, DOCKWRIGHT_BENCH_PROFILE_DIR: profileDir }
          : {}),
      },
    });
    cleanups.push(() => host.stop());
    const spans: RpcSpan[] = [];
    recordRpcs(host, spans);
    const measured = { pid: host.pid!, spans };
    const hostProfiler = profileDir ? new HostProfiler(host.pid!, profileDir) : undefined;
    const selfProfiler = profileDir ? new SelfProfiler() : undefined;
    if (selfProfiler) cleanups.push(() => selfProfiler.close());
    // With profiling, each phase's work runs between profile start and stop; the summaries go into the result.
    let lastProfile: { host?: ProfileSummary; bench?: ProfileSummary } | undefined;
    const profiled = <T>(work: () => Promise<T>) =>
      !profileDir
        ? work
        : async () => {
            hostProfiler!.start();
            await selfProfiler!.start();
            try {
              return await work();
            } finally {
              lastProfile = { bench: await selfProfiler!.stop(), host: await hostProfiler!.stop() };
            }
          };
    const withProfile = <T extends object>(r: T) => {
      const out = lastProfile ? { ...r, profile: lastProfile } : r;
      lastProfile = undefined;
      return out;
    };
    const stack = new TestStack(host, { project: "dockwright-bench", stack: `${tag}-n${n}` });
    // Whatever is left in the stack is deleted even when a phase failed (the label sweep is the last resort).
    cleanups.push(() => deleteAll(stack));

    const { Container } = require(join(repoRoot(), "dist", "sdk")) as typeof import("../dist/sdk");
    const program = (spec: Spec) => () => {
      for (let i = 0; i < n; i++) new Container(`c${i}`, args(spec, i));
    };
    // Pulumi's own cost: the same declarations as do-nothing resources, in a stack of their own on the same host.
    const nullStack = new TestStack(host, { project: "dockwright-bench", stack: `${tag}-null-n${n}` });
    const nullProgram = (spec: Spec) => () => {
      for (let i = 0; i < n; i++) new NullResource(`c${i}`, args(spec, i));
    };
    const floor = new Floor(
      new Docker({ socketPath: direct ? ENGINE_SOCKET : floorProxy.socketPath, version: "v1.41" }),
      BASE_IMAGE,
      testLabels(),
    );
    cleanups.push(() => floor.destroy(n).catch(() => undefined));

    // A phase that can run again in place runs `repeat` times (with `again` putting the state back, unmeasured):
    // the median run is reported, all wall times are kept. The machine is shared, so single runs are noisy.
    const repeated = async (
      times: number,
      again: (() => Promise<unknown>) | undefined,
      once: () => Promise<PhaseResult>,
    ): Promise<PhaseResult> => {
      const runs: PhaseResult[] = [];
      for (let r = 0; r < times; r++) {
        if (r > 0 && again) await again();
        runs.push(await once());
      }
      const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      return runs.length > 1 ? { ...median, samplesMs: runs.map((r) => r.wallMs) } : median;
    };
    const throughHost = async (variant: Variant, phase: string, run: () => Promise<RunResult>, op: string, again?: () => Promise<unknown>) => {
      const result = await repeated(again ? repeat : 1, again, async () => {
        const { value, ...r } = await measure(phase, variant, n, oursProxy, profiled(run), measured);
        engineLog.take();
        return withProfile({ ...r, steps: expectSteps(phase, value as RunResult, op, n) });
      });
      results.push(result);
      log(line(result));
    };
    const ours = (phase: string, run: () => Promise<RunResult>, op: string, again?: () => Promise<unknown>) =>
      throughHost("ours", phase, run, op, again);
    const pulumiOwn = (phase: string, run: () => Promise<RunResult>, op: string, again?: () => Promise<unknown>) =>
      throughHost("pulumi", phase, run, op, again);
    const base = async (phase: string, run: () => Promise<unknown>, again?: () => Promise<unknown>) => {
      const result = await repeated(again ? repeat : 1, again, async () => {
        const { value: _value, ...r } = await measure(phase, "floor", n, floorProxy, profiled(run));
        return withProfile(r);
      });
      results.push(result);
      log(line(result));
    };
    const byReplacement = async (phase: string, spec: Spec) => {
      const { value: _value, ...result } = await measure(phase, "replacement", n, oursProxy, profiled(() => replaceAll(stack, spec)), measured);
      results.push(withProfile(result));
      engineLog.take();
      log(line(result));
    };
    // Puts the stack back before a change, so the change can be measured again in place (not measured).
    const revert = async (spec: Spec) => {
      await stack.up(program(spec));
      engineLog.take();
    };

    const s0: Spec = { prefix: `${tag}-a`, memory: 64, cpus: 0.5 };
    const f0: Spec = { ...s0, prefix: `${tag}-fa` };
    // The engine's first containers after a pause cost it more CPU (measured: 52 vs 41 ms of dockerd CPU per
    // container on average): whichever variant went first would pay it. Not measured.
    await floor.create(n, (i) => shape({ ...f0, prefix: `${tag}-w` }, i));
    await floor.destroy(n);
    await ours("create", () => stack.up(program(s0)), "create");
    await base("create", () => floor.create(n, (i) => shape(f0, i)));
    await pulumiOwn("create", () => nullStack.up(nullProgram(s0)), "create");

    const nothing = async () => undefined;
    await ours("no-op preview", () => stack.preview(program(s0)), "same", nothing);
    await base("no-op preview", () => floor.noop(n), nothing);
    await pulumiOwn("no-op preview", () => nullStack.preview(nullProgram(s0)), "same", nothing);

    const s1: Spec = { ...s0, memory: 128, cpus: 1 };
    await byReplacement("in-place change", s1);
    await revert(s0);
    await ours("in-place change", () => stack.up(program(s1)), "update", () => revert(s0));
    await base("in-place change", () => floor.resize(n, (i) => shape({ ...f0, memory: 128, cpus: 1 }, i)), () =>
      floor.resize(n, (i) => shape(f0, i)),
    );
    await pulumiOwn("in-place change", () => nullStack.up(nullProgram(s1)), "update", () => nullStack.up(nullProgram(s0)));

    const s2: Spec = { ...s1, prefix: `${tag}-b` };
    await byReplacement("rename", s2);
    await revert(s1);
    await ours("rename", () => stack.up(program(s2)), "update", () => revert(s1));
    await base("rename", () => floor.rename(n, (i) => shape({ ...f0, prefix: `${tag}-fb` }, i)), () =>
      floor.rename(n, (i) => shape(f0, i)),
    );

    const s3: Spec = { ...s2, network };
    await byReplacement("network join", s3);
    await revert(s2);
    await ours("network join", () => stack.up(program(s3)), "update", () => revert(s2));
    await base("network join", () => floor.join(n, network), () => floor.leave(n, network));

    const s4: Spec = { ...s3, env: { BENCH: "1" } };
    await ours("replace (env)", () => stack.up(program(s4)), "replace");
    const f4: Spec = { ...f0, prefix: `${tag}-fb`, memory: 128, cpus: 1, network, env: { BENCH: "1" } };
    await base("replace (env)", () => floor.replace(n, (i) => shape(f4, i)));

    await ours("destroy", () => destroyAll(stack), "delete");
    await base("destroy", () => floor.destroy(n));
    await pulumiOwn("destroy", () => destroyAll(nullStack), "delete");
    return results;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log(`cleanup: ${(err as Error).message}`);
      }
    }
  }
}

function line(r: PhaseResult): string {
  const mem = r.peakRssKiB ? `, peak ${(r.peakRssKiB / 1024).toFixed(1)} MiB` : "";
  const samples = r.samplesMs ? ` (median of ${r.samplesMs.map((s) => (s / r.n).toFixed(1)).join(", ")})` : "";
  return `  n=${r.n} ${r.phase.padEnd(16)} ${r.variant.padEnd(11)} ${r.msPerContainer.toFixed(1).padStart(8)} ms/ctr, ${r.callsPerContainer.toFixed(2).padStart(5)} calls/ctr${mem}${samples}`;
}

/**
 * `pulumi up` with a replace-on-change provider: check, diff, then delete the old container and create the new one
 * (delete first: the name is fixed), for every resource at once.
 */
async function replaceAll(stack: TestStack, spec: Spec): Promise<void> {
  const host = stack.host;
  await Promise.all(
    stack.state.map(async (res: ResourceState) => {
      const i = Number(res.name.slice(1));
      const news = { ...args(spec, i), __provider: res.inputs.__provider } as Record<string, unknown>;
      const checked = await host.check(res.urn, res.inputs, news);
      if (checked.failures.length) throw new Error(`${res.name}: ${JSON.stringify(checked.failures)}`);
      await host.diff(res.urn, res.id, res.outputs, checked.inputs, res.inputs);
      await host.delete(res.urn, res.id, res.outputs);
      const created = await host.create(res.urn, checked.inputs);
      Object.assign(res, { id: created.id, inputs: checked.inputs, outputs: created.properties });
    }),
  );
}

/** `pulumi destroy` as the engine runs it: resources without dependencies are deleted concurrently. */
async function destroyAll(stack: TestStack): Promise<RunResult> {
  const result: RunResult = { steps: {}, outputs: {}, errors: [] };
  await Promise.all(
    stack.state.map(async (res) => {
      await stack.host.delete(res.urn, res.id, res.outputs);
      result.steps[res.name] = { op: "delete" };
    }),
  );
  stack.state = [];
  return result;
}

async function deleteAll(stack: TestStack): Promise<void> {
  await Promise.all(stack.state.map((res) => stack.host.delete(res.urn, res.id, res.outputs).catch(() => undefined)));
  stack.state = [];
}
