import { engineMessage } from "../docker/errors";
import { PROVIDER_KEY, type Inputs } from "./inputs";

/** An error for the person reading `pulumi up`: which container, what failed, what to do. */
export function containerError(what: string, err?: unknown, hint?: string): Error {
  const cause = err === undefined ? "" : `: ${engineMessage(err)}`;
  return new Error(`${what}${cause}${hint ? `. ${hint}` : ""}`);
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
  });
}
