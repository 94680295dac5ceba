// A client that asks a published port on 127.0.0.1 for an answer every 20 ms while a replacement runs, and
// reports the longest time without one. Where it looks for the server is up to `target`: a fixed port, the port
// of the container that has a name (as a proxy that resolves containers by name would), or the port Pulumi last
// reported for the resource.
import { request } from "http";

export const POLL_MS = 20;

export interface PollReport {
  polls: number;
  failed: number;
  /** The longest time, in ms, between two answers (or from the start to the first answer). */
  longestGapMs: number;
  /** The bodies answered, in order of first appearance (which generation served). */
  served: string[];
  /** The first few failures, for a message. */
  failures: string[];
}

/** One GET; resolves with the body or rejects. */
function get(port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", agent: false, timeout: timeoutMs }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => (res.statusCode === 200 ? resolve(body.trim()) : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

export interface Poller {
  stop(): Promise<PollReport>;
}

/**
 * Polls every POLL_MS (a poll never overlaps the previous one). `target` says which port to ask this time
 * (undefined: nothing to ask, which counts as a failed poll).
 */
export function startPolling(target: () => Promise<number | undefined>): Poller {
  const report: PollReport = { polls: 0, failed: 0, longestGapMs: 0, served: [], failures: [] };
  const started = Date.now();
  let lastAnswer = started;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const tick = Date.now();
      report.polls++;
      let port: number | undefined;
      try {
        port = await target();
        if (port === undefined) throw new Error("no port to ask");
        const body = await get(port, 1000);
        const now = Date.now();
        report.longestGapMs = Math.max(report.longestGapMs, now - lastAnswer);
        lastAnswer = now;
        if (!report.served.includes(body)) report.served.push(body);
      } catch (err) {
        report.failed++;
        if (report.failures.length < 5) report.failures.push(`${new Date().toISOString()}: port ${port}: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - (Date.now() - tick))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      report.longestGapMs = Math.max(report.longestGapMs, Date.now() - lastAnswer);
      return report;
    },
  };
}
