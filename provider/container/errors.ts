import { engineMessage, faultHint, faultOf, outcomeUnknown, type EngineError } from "../docker/errors";
import { PROVIDER_KEY, type Inputs } from "./inputs";

/** Marks an error as written for the reader: the provider's last-resort wrapping (guard.ts) leaves it alone. */
export function shaped<E extends Error>(err: E): E {
  return Object.assign(err, { shaped: true });
}

export function isShaped(err: unknown): boolean {
  return !!err && typeof err === "object" && ((err as { shaped?: boolean }).shaped === true || "id" in err);
}

/**
 * An error for the person reading `pulumi up`: which container, what failed, the engine's words, what to do.
 * `hint` is for the engine refusing; a timeout, an unreachable engine or a lost answer get their own advice.
 */
export function containerError(what: string, err?: unknown, hint?: string): Error {
  if (err === undefined) return shaped(new Error(`${what}${hint ? `. ${hint}` : ""}`));
  const fault = faultOf(err);
  const unknown = outcomeUnknown(err) && fault !== "failed" ? ". The outcome is unknown: the engine may have done it" : "";
  const advice = fault === "timeout" || fault === "unreachable" || fault === "lost" ? faultHint(err) : (hint ?? faultHint(err));
  return shaped(Object.assign(new Error(`${what}: ${engineMessage(err)}${unknown}${advice ? `. ${advice}` : ""}`), { cause: err }));
}

/** The engine error behind a shaped one (or the error itself). */
export function engineCause(err: unknown): unknown {
  const cause = (err as { cause?: unknown })?.cause;
  return cause !== undefined ? cause : err;
}

/** `what`, the request that failed ("could not start the container (POST /containers/{id}/start)") and the fault. */
export function callError(what: string, err: unknown): Error {
  const call = (err as EngineError)?.engineCall;
  return containerError(call ? `${what}: could not ${call.action} (${call.kind})` : what, err);
}

/** An engine error nobody shaped on its way out: name the container, the operation and the request. */
export function lastResort(subject: string, operation: string, err: unknown): unknown {
  if ((err as { subjectless?: boolean })?.subjectless) return shaped(new Error(`cannot ${operation} ${subject}: ${(err as Error).message}`));
  if (isShaped(err) || !(err as EngineError)?.engineCall) return err;
  return callError(`cannot ${operation} ${subject}`, err);
}

/**
 * The container exists but did not come up: Pulumi keeps the id and properties in state
 * and the next `pulumi up` resumes through update instead of orphaning the container.
 */
export function initFailure(message: string, id: string, properties: Inputs, inputs: Inputs): Error {
  return Object.assign(new Error(message), {
    id,
    properties: { ...properties, [PROVIDER_KEY]: inputs[PROVIDER_KEY] },
    reasons: [message],
    shaped: true,
  });
}
