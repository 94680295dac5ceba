// What one phase costs: wall time, Engine API calls (through a counting proxy), the provider host's peak memory,
// and how long the host spent in each gRPC method.
import { readdirSync, readFileSync, writeFileSync } from "fs";
import type { ProfileSummary } from "./profile";
import type { CallCounts } from "./proxy";
import { round } from "./round";

/**
 * ours: dockwright through the host; floor: the fewest Engine API calls with dockerode; replacement: the change by
 * delete + create through the host; pulumi: do-nothing resources through the host (Pulumi's own cost).
 */
export type Variant = "ours" | "floor" | "replacement" | "pulumi";

export interface PhaseResult {
  phase: string;
  variant: Variant;
  n: number;
  wallMs: number;
  msPerContainer: number;
  calls: number;
  callsPerContainer: number;
  /** Engine API calls by kind (`METHOD /path` with ids collapsed). */
  byKind: Record<string, number>;
  /** VmHWM of the provider host during the phase (peak reset before it), KiB; absent for the floor. */
  peakRssKiB?: number;
  /** Provider host gRPC calls in the phase: count and summed time per method, and first start to last end. */
  rpc?: { spanMs: number; methods: Record<string, { count: number; totalMs: number }> };
  /**
   * Where the CPU went during the phase (ms of CPU time): the provider host, the counting proxy, the bench process
   * (Pulumi SDK, test engine, floor client), dockerd, containerd, and the whole machine (2 CPUs = 2 ms per wall ms; what is
   * not listed is runc, shims and other users of the shared engine).
   */
  cpu?: { host?: number; proxy?: number; bench: number; dockerd?: number; containerd?: number; machine: number; machineBusyPct: number };
  /** For phases run several times: every run's wall time, ms (the fields above are the median run's). */
  samplesMs?: number[];
  /** With `--profile`: CPU profiles of the phase (the timings of a profiled run are not the benchmark's). */
  profile?: { host?: ProfileSummary; bench?: ProfileSummary };
  /** The steps the stack reported (op -> count), to show the phase did what it says (e.g. update, not replace). */
  steps?: Record<string, number>;
}

function status(pid: number, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : undefined;
}

/** Resets the peak RSS (VmHWM) of a process to its current RSS (Linux: `echo 5 > /proc/<pid>/clear_refs`). */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

const peakKiB = (pid: number) => status(pid, "VmHWM");

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, ms; undefined when it is not readable. */
function cpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the machine, ms (all CPUs). */
function machineMs(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

function pidOf(comm: string): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === comm) return Number(entry);
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

const daemons = { dockerd: pidOf("dockerd"), containerd: pidOf("containerd") };

function cpuSample(hostPid?: number, proxyPid?: number) {
  return {
    host: cpuMs(hostPid),
    proxy: cpuMs(proxyPid),
    bench: cpuMs(process.pid)!,
    dockerd: cpuMs(daemons.dockerd),
    containerd: cpuMs(daemons.containerd),
    machine: machineMs(),
  };
}

function cpuSince(before: ReturnType<typeof cpuSample>, hostPid?: number, proxyPid?: number): PhaseResult["cpu"] {
  const after = cpuSample(hostPid, proxyPid);
  const d = (a?: number, b?: number) => (a !== undefined && b !== undefined ? a - b : undefined);
  const total = after.machine.total - before.machine.total;
  const busy = after.machine.busy - before.machine.busy;
  return {
    host: d(after.host, before.host),
    proxy: d(after.proxy, before.proxy),
    bench: after.bench - before.bench,
    dockerd: d(after.dockerd, before.dockerd),
    containerd: d(after.containerd, before.containerd),
    machine: busy,
    machineBusyPct: total > 0 ? round((100 * busy) / total, 1) : 0,
  };
}

export interface RpcSpan {
  method: string;
  start: number;
  end: number;
}

/** Wraps a ProviderHost's RPC methods so every call's timing is recorded (the host itself is not changed). */
export function recordRpcs(host: object, spans: RpcSpan[]): void {
  const target = host as Record<string, any>;
  for (const method of ["check", "diff", "create", "update", "read", "delete"]) {
    const original = target[method].bind(host);
    target[method] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        spans.push({ method, start, end: performance.now() });
      }
    };
  }
}

function summarizeRpcs(spans: RpcSpan[]): PhaseResult["rpc"] {
  if (!spans.length) return { spanMs: 0, methods: {} };
  const methods: Record<string, { count: number; totalMs: number }> = {};
  for (const s of spans) {
    const m = (methods[s.method] ??= { count: 0, totalMs: 0 });
    m.count++;
    m.totalMs += s.end - s.start;
  }
  for (const m of Object.values(methods)) m.totalMs = round(m.totalMs);
  const spanMs = Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start));
  return { spanMs: round(spanMs), methods };
}

/** Runs `work` as one measured phase. */
export async function measure(
  phase: string,
  variant: Variant,
  n: number,
  proxy: { take(): Promise<CallCounts>; pid?: number },
  work: () => Promise<unknown>,
  host?: { pid: number; spans: RpcSpan[] },
): Promise<PhaseResult & { value: unknown }> {
  await proxy.take();
  if (host) {
    resetPeak(host.pid);
    host.spans.length = 0;
  }
  const cpuBefore = cpuSample(host?.pid, proxy.pid);
  const start = performance.now();
  const value = await work();
  const wallMs = performance.now() - start;
  const cpu = cpuSince(cpuBefore, host?.pid, proxy.pid);
  const { total, byKind } = await proxy.take();
  return {
    phase,
    variant,
    n,
    wallMs: round(wallMs),
    msPerContainer: round(wallMs / n),
    calls: total,
    callsPerContainer: round(total / n),
    byKind,
    cpu,
    ...(host ? { peakRssKiB: peakKiB(host.pid), rpc: summarizeRpcs(host.spans) } : {}),
    value,
  };
}
