// What diff observed of a container, handed to the update that follows it in the same `pulumi up`.
// The Pulumi engine calls update right after diff, in the same provider process and with the same inputs: update
// then applies the plan diff showed instead of asking the engine again for the container and its image (two
// Engine API calls fewer per in-place change). Update still inspects after applying and verifies every change, so
// a stale observation can never turn into a reported success.
import type Docker from "dockerode";
import { isDeepStrictEqual } from "util";
import type { Inputs } from "./inputs";
import type { Context } from "./options/spec";
import { SETTINGS } from "./settings";

/** Long enough for diff -> update of one step under load, short enough that nothing else happens in between. */
export const OBSERVED_FOR_MS = 5_000;

export interface Observation {
  ctx: Context;
  info: Docker.ContainerInspectInfo;
}

interface Entry extends Observation {
  endpoint: string;
  news: Inputs;
  at: number;
}

const observed = new Map<string, Entry>();

function expired(entry: Entry, now: number): boolean {
  return now - entry.at > OBSERVED_FOR_MS;
}

/**
 * Kept only when update may use it as it is: not when a setting makes up fetch anew what diff saw (a pull policy
 * "always" pulls at update, so the image diff saw is not the one update runs).
 */
export function rememberObservation(id: string, endpoint: string, news: Inputs, seen: Observation): void {
  const now = Date.now();
  for (const [key, entry] of observed) if (expired(entry, now)) observed.delete(key);
  if (SETTINGS.some((s) => s.refetchedByUp?.(news[s.key]))) return;
  observed.set(id, { ...seen, endpoint, news, at: now });
}

/** Diff's observation of this container for exactly these inputs on this engine, once; undefined otherwise. */
export function takeObservation(id: string, endpoint: string, news: Inputs): Observation | undefined {
  const entry = observed.get(id);
  observed.delete(id);
  if (!entry || expired(entry, Date.now()) || entry.endpoint !== endpoint || !isDeepStrictEqual(entry.news, news)) return undefined;
  return { ctx: entry.ctx, info: entry.info };
}
