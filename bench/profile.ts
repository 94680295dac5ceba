// CPU profiles per phase, of the provider host (through profile-preload) and of the bench process itself
// (the Pulumi SDK and the test engine), summarized as self time by where the code lives.
import { existsSync, readFileSync } from "fs";
import { Session } from "inspector";
import { join } from "path";
import { round } from "./round";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled ms (wall time of the sampled thread, idle included as "(idle)"). */
  totalMs: number;
  /** Self time in dockwright's own compiled code (dist/provider, dist/sdk), ms. */
  dockwrightMs: number;
  /** Self time that is neither idle nor the profiler's, ms. */
  busyMs: number;
  /** Self time by package or area, ms, largest first. */
  byArea: Record<string, number>;
  /** The heaviest functions by self time, ms. */
  topFunctions: Record<string, number>;
}

function area(url: string, fn: string): string {
  // The inspector's own message loop: the profiler's overhead, not the program's work.
  if (!url && fn === "dispatch") return "(profiler)";
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (mod) return mod[1];
  const own = /\/dist\/(provider|sdk)\/(.+)\.js$/.exec(url);
  if (own) return `dockwright ${own[1]}/${own[2]}`;
  if (url.includes("/tests/support/")) return "test engine (tests/support)";
  if (url.includes("/bench/")) return "bench";
  if (url.startsWith("node:")) return "node core";
  return url;
}

function summarize(profile: CpuProfile, top = 30): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    total += ms;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const fname = `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*\/(node_modules|dist|tests|bench)\//, "$1/")}:${lineNumber + 1}` : ""}`.trim();
    fns.set(fname, (fns.get(fname) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>, k: number) =>
    Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, ms]) => [name, round(ms, 1)]));
  const sumOf = (pick: (a: string) => boolean) => [...areas.entries()].filter(([a]) => pick(a)).reduce((n, [, ms]) => n + ms, 0);
  return {
    totalMs: round(total, 1),
    busyMs: round(sumOf((a) => a !== "(idle)" && a !== "(profiler)"), 1),
    dockwrightMs: round(sumOf((a) => a.startsWith("dockwright ")), 1),
    byArea: sorted(areas, 15),
    topFunctions: sorted(fns, top),
  };
}

/** Profiles the provider host through its preloaded SIGUSR2 handler. */
export class HostProfiler {
  private n = 0;
  constructor(
    private readonly pid: number,
    private readonly dir: string,
  ) {}

  start(): void {
    process.kill(this.pid, "SIGUSR2");
  }

  async stop(): Promise<ProfileSummary> {
    const file = join(this.dir, `${this.n++}.cpuprofile`);
    process.kill(this.pid, "SIGUSR2");
    const deadline = Date.now() + 30_000;
    while (!existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`the host wrote no profile ${file}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return summarize(JSON.parse(readFileSync(file, "utf8")));
  }
}

/** Profiles this process (the Pulumi SDK running the program, the test engine, the proxy, the floor client). */
export class SelfProfiler {
  private readonly session = new Session();
  constructor() {
    this.session.connect();
    this.session.post("Profiler.enable");
    this.session.post("Profiler.setSamplingInterval", { interval: 250 });
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => this.session.post("Profiler.start", (err) => (err ? reject(err) : resolve())));
  }

  stop(): Promise<ProfileSummary> {
    return new Promise((resolve, reject) =>
      this.session.post("Profiler.stop", (err, result) => (err ? reject(err) : resolve(summarize(result.profile as CpuProfile)))),
    );
  }

  close(): void {
    this.session.disconnect();
  }
}
