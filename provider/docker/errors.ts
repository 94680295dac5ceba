// Engine errors come back from docker-modem as Error objects with statusCode and json {message}.
export interface EngineError extends Error {
  statusCode?: number;
  json?: { message?: string } | null;
}

export function statusOf(err: unknown): number | undefined {
  return (err as EngineError)?.statusCode;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** The engine's own words ("No such image: x"), without docker-modem's "(HTTP code 404) ..." prefix. */
export function engineMessage(err: unknown): string {
  const e = err as EngineError;
  const fromJson = e?.json && typeof e.json === "object" ? e.json.message : undefined;
  if (fromJson) return fromJson;
  const text = e instanceof Error ? e.message : String(err);
  return text.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, "").trim();
}
