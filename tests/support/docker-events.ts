// What the Docker engine itself recorded (docker events) for containers with given labels, between two moments:
// the order in which Pulumi's calls reached the engine, whichever engine drove them.
import { docker } from "./engine";

export interface ContainerEvent {
  action: string;
  id: string;
  /** Nanoseconds since the epoch, as the engine stamped it. */
  time: bigint;
}

/** `since`/`until`: Date.now() values taken around the operation. */
export async function containerEvents(labels: string[], since: number, until: number): Promise<ContainerEvent[]> {
  const stream = (await docker.getEvents({
    since: Math.floor(since / 1000),
    // The engine closes the stream once `until` has passed.
    until: Math.ceil(until / 1000) + 1,
    filters: JSON.stringify({ type: ["container"], label: labels }),
  })) as NodeJS.ReadableStream;
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .map((e) => ({ action: String(e.Action).split(":")[0], id: e.id ?? e.Actor?.ID, time: BigInt(e.timeNano) }))
    .filter((e) => e.time >= BigInt(since) * 1_000_000n && e.time <= BigInt(until) * 1_000_000n);
}
