// What in a declaration can belong to one container only: a name, a fixed host port, a static address or a MAC
// address. It decides how a replacement may run: two containers with one of these cannot run side by side. Each
// option says what it holds (options/spec.ts, `exclusive`).
import type { Inputs } from "./inputs";
import { OPTIONS } from "./options";
import type { Exclusive } from "./options/spec";

/** What the declared options hold, those that clash at any rate (`deleteFirst`) first, each said for a message. */
function held(inputs: Inputs, which: (e: Exclusive) => boolean): string[] {
  const holding = OPTIONS.filter((o) => o.exclusive && which(o.exclusive) && inputs[o.key] !== undefined);
  const firm = holding.filter((o) => o.exclusive!.deleteFirst);
  return [...firm, ...holding.filter((o) => !firm.includes(o))].flatMap((o) => o.exclusive!.held(inputs[o.key]));
}

/**
 * What two running containers of this declaration would fight over: fixed host ports (or ports not known yet),
 * static addresses, a MAC address, the host's network stack. Each entry says it for a message.
 */
export function heldWhileRunning(inputs: Inputs): string[] {
  return held(inputs, (e) => e.whileRunning);
}

/** Everything that cannot exist twice on one engine, running or not: the name too. */
export function uniqueOnEngine(inputs: Inputs): string[] {
  return held(inputs, (e) => e.deleteFirst);
}
