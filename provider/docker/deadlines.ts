// A deadline on every Engine API request. docker-modem has one optional socket-idle timeout for all calls; this
// wraps the modem's `dial`, through which every dockerode call goes, so each request gets the deadline of its
// class (calls.ts) and is aborted when it expires. Every error is annotated with the request and the engine's
// address, so the messages built from it can say what was being done and where.
import Docker from "dockerode";
import { describeCall } from "./calls";
import type { EngineError } from "./errors";
import { timeoutSetting, type EngineTimeouts } from "./timeouts";

/** Seconds the engine waits after the stop signal, from the stop request's `t` (default 10; -1: forever). */
function stopGraceMs(query: unknown): number | undefined {
  const t = (query as { t?: unknown } | undefined)?.t;
  const seconds = typeof t === "number" ? t : typeof t === "string" && t !== "" ? Number(t) : 10;
  return seconds < 0 ? undefined : seconds * 1000;
}

type Dial = (options: Record<string, any>, callback: (err: unknown, data?: unknown) => void) => void;

function isStream(data: unknown): data is NodeJS.ReadableStream & { destroy(err?: Error): void } {
  return !!data && typeof (data as { pipe?: unknown }).pipe === "function" && typeof (data as { on?: unknown }).on === "function";
}

export function withDeadlines(docker: Docker, endpoint: string, timeouts: EngineTimeouts): Docker {
  const base = docker.modem as unknown as { dial: Dial };
  const modem = Object.create(base) as { dial: Dial };
  modem.dial = function (this: unknown, options, callback) {
    const call = describeCall(String(options.method ?? "GET"), String(options.path ?? "/"));
    let limit = call.deadline === "none" ? undefined : timeouts[call.deadline];
    if (limit !== undefined && call.kind === "POST /containers/{id}/stop") {
      const grace = stopGraceMs(options.options);
      limit = grace === undefined ? undefined : limit + grace;
    }
    const annotate = (err: unknown): unknown => {
      if (err && typeof err === "object") {
        const e = err as EngineError;
        e.engineCall ??= call;
        e.endpoint ??= endpoint;
      }
      return err;
    };
    if (limit === undefined) return base.dial.call(this, options, (err, data) => callback(err ? annotate(err) : null, data));

    const controller = new AbortController();
    options.abortSignal = controller.signal;
    const started = Date.now();
    let expired: EngineError | undefined;
    let stream: { destroy(err?: Error): void } | undefined;
    const timer = setTimeout(() => {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      expired = Object.assign(
        new Error(`the Docker engine at ${endpoint} did not answer ${call.kind} (${call.action}) within ${seconds} s`),
        { engineCall: call, endpoint, waitedMs: Date.now() - started, timeoutSetting: timeoutSetting(call.deadline as keyof EngineTimeouts) },
      );
      if (stream) stream.destroy(expired);
      else controller.abort();
    }, limit);
    timer.unref?.();
    base.dial.call(this, options, (err, data) => {
      if (err) {
        clearTimeout(timer);
        return callback(expired ?? annotate(err));
      }
      if (isStream(data)) {
        // A streamed answer (pull progress) keeps its deadline until the stream ends.
        stream = data;
        const done = () => clearTimeout(timer);
        data.on("end", done);
        data.on("close", done);
        data.on("error", (e: unknown) => {
          done();
          annotate(e);
        });
      } else {
        clearTimeout(timer);
      }
      callback(null, data);
    });
  };
  return new Docker({ modem } as unknown as Docker.DockerOptions);
}
