// Engine errors: docker-modem's Error objects (statusCode and json {message} when the engine answered; a Node
// socket error when it did not), as the deadline wrapper (deadlines.ts) annotates them with the call and the
// engine's address. Helpers here tell what kind of fault it was and what the reader of `pulumi up` should do.
import type { EngineCall } from "./calls";

export interface EngineError extends Error {
  statusCode?: number;
  json?: { message?: string } | null;
  code?: string;
  /** Set by the deadline wrapper: which request failed. */
  engineCall?: EngineCall;
  /** Set by the deadline wrapper: the engine's address (no secrets). */
  endpoint?: string;
  /** Set by the deadline wrapper when the deadline expired. */
  waitedMs?: number;
  /** Where the deadline that expired is configured. */
  timeoutSetting?: string;
}

export function statusOf(err: unknown): number | undefined {
  return (err as EngineError)?.statusCode;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** What a lookup answers, or undefined when the engine has no such object (404); every other failure is thrown. */
export async function unlessNotFound<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * - "refused": the engine answered with an error (4xx); nothing was done.
 * - "failed": the engine answered that it failed (5xx).
 * - "unreachable": no connection: the request never reached the engine.
 * - "timeout": no answer within the deadline; a request that changes things may have been carried out.
 * - "lost": the connection broke after the request was sent; the outcome is unknown.
 */
type Fault = "refused" | "failed" | "unreachable" | "timeout" | "lost";

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOENT", "EACCES", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

export function faultOf(err: unknown): Fault | undefined {
  const e = err as EngineError;
  if (!e || typeof e !== "object") return undefined;
  if (e.waitedMs !== undefined) return "timeout";
  const status = statusOf(err);
  if (status !== undefined) return status >= 500 ? "failed" : "refused";
  if (e.code && UNREACHABLE.has(e.code)) return "unreachable";
  if (e.code && /^(ECONNRESET|EPIPE|ECONNABORTED|ETIMEDOUT|ERR_STREAM_PREMATURE_CLOSE)$/.test(e.code)) return "lost";
  if (/socket hang up|aborted|premature close/i.test(e.message ?? "")) return "lost";
  return undefined;
}

/** The engine may have carried the request out without us hearing about it. */
export function outcomeUnknown(err: unknown): boolean {
  const fault = faultOf(err);
  return (fault === "lost" || fault === "timeout" || fault === "failed") && (err as EngineError).engineCall?.mutating !== false;
}

/** The engine's own words ("No such image: x"), without docker-modem's "(HTTP code 404) ..." prefix. */
export function engineMessage(err: unknown): string {
  const e = err as EngineError;
  const fromJson = e?.json && typeof e.json === "object" ? e.json.message : undefined;
  if (fromJson) return fromJson;
  const where = e?.endpoint ? ` at ${e.endpoint}` : "";
  switch (faultOf(err)) {
    case "timeout":
      return e.message;
    case "unreachable":
      return `the Docker engine could not be reached${where} (${e.code}: ${e.message.replace(/^connect /, "")})`;
    case "lost":
      return `the connection to the Docker engine${where} broke before it answered ${e.engineCall?.kind ?? "the request"} (${e.code ?? e.message})`;
  }
  const text = e instanceof Error ? e.message : String(err);
  return text.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, "").trim();
}

/** What to do about a fault, for the end of a message; undefined when the engine's words say it all. */
export function faultHint(err: unknown): string | undefined {
  const e = err as EngineError;
  switch (faultOf(err)) {
    case "timeout":
      return (
        `Check that the engine${e.endpoint ? ` at ${e.endpoint}` : ""} runs and answers (docker info; its log, e.g. journalctl -u docker) ` +
        `and is not overloaded; if it is only slow, raise ${e.timeoutSetting ?? "engineTimeouts"}`
      );
    case "unreachable":
      return "Start the Docker engine, or point DOCKER_HOST (or the resource's host, or the stack config dockwright:host) at a running engine, then run `pulumi up` again";
    case "lost":
      return "Check the engine's log (e.g. journalctl -u docker) for a restart or crash, then run `pulumi up` again";
    case "failed":
      return "The engine failed while doing it: check its log (e.g. journalctl -u docker), then run `pulumi up` again";
  }
  return undefined;
}
