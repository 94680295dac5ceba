// What one phase costs: wall time, Engine API calls (through a counting proxy), the provider host's peak memory,
// and how long the host spent in each gRPC method.
import { readFileSync, writeFileSync } from "fs";
import type { CountingProxy } from "./proxy";

export type Variant = "ours" | "floor" | "replacement";

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
  /** The steps the stack reported (op -> count), to show the phase did what it says (e.g. update, not replace). */
  steps?: Record<string, number>;
}

function status(pid: number, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : undefined;
}

/** Resets the peak RSS (VmHWM) of a process to its current RSS (Linux: `echo 5 > /proc/<pid>/clear_refs`). */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export const peakKiB = (pid: number) => status(pid, "VmHWM");

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

export function summarizeRpcs(spans: RpcSpan[]): PhaseResult["rpc"] {
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

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs `work` as one measured phase. */
export async function measure(
  phase: string,
  variant: Variant,
  n: number,
  proxy: CountingProxy,
  work: () => Promise<unknown>,
  host?: { pid: number; spans: RpcSpan[] },
): Promise<PhaseResult & { value: unknown }> {
  proxy.take();
  if (host) {
    resetPeak(host.pid);
    host.spans.length = 0;
  }
  const start = performance.now();
  const value = await work();
  const wallMs = performance.now() - start;
  const { total, byKind } = proxy.take();
  return {
    phase,
    variant,
    n,
    wallMs: round(wallMs),
    msPerContainer: round(wallMs / n),
    calls: total,
    callsPerContainer: round(total / n),
    byKind,
    ...(host ? { peakRssKiB: peakKiB(host.pid), rpc: summarizeRpcs(host.spans) } : {}),
    value,
  };
}
