// A container's last log lines, from the logs endpoint. Without a TTY the engine multiplexes stdout and stderr
// in frames (1 byte stream, 3 zero bytes, 4 bytes big-endian length, payload); with a TTY it sends the raw text.
import type Docker from "dockerode";

/** The frames of a multiplexed logs stream, or undefined when it is not one (a TTY's raw text). */
function frames(raw: Buffer): Buffer[] | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const stream = raw[at];
    const size = raw.readUInt32BE(at + 4);
    if (stream > 2 || raw[at + 1] !== 0 || raw[at + 2] !== 0 || raw[at + 3] !== 0) return undefined;
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return parts;
}

export function demux(raw: Buffer): string {
  const parts = frames(raw);
  return parts ? Buffer.concat(parts).toString("utf8") : raw.toString("utf8");
}

// The engine's RFC3339Nano timestamp (fixed at nine digits, UTC) and the space it puts before each message.
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** A timestamp as [milliseconds since the epoch, nanoseconds within the millisecond]; undefined if not one. */
function stampOf(text: string): [number, number] | undefined {
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const fraction = (m[2] ?? "").padEnd(9, "0");
  const ms = Date.parse(`${m[1]}.${fraction.slice(0, 3)}${m[3]}`);
  return Number.isNaN(ms) ? undefined : [ms, Number(fraction.slice(3))];
}

/**
 * Messages in the order of the engine's timestamps. The engine copies stdout and stderr in two goroutines that each
 * stamp a message when they read it and then append it to the log: the log's order can swap messages written close
 * together, while their timestamps (what `docker logs -t` shows) hold the order they were read in. Each frame is
 * one message, prefixed with its timestamp; the sort is stable, and a frame without a timestamp keeps its place
 * after the one before it.
 */
export function inEngineOrder(messages: Buffer[]): string {
  let last: [number, number] = [-Infinity, 0];
  const stamped = messages.map((message, index) => {
    const text = message.toString("utf8");
    const stamp = stampOf(text);
    if (stamp) last = stamp;
    const body = stamp ? text.slice(text.indexOf(" ") + 1) : text;
    return { stamp: last, index, body };
  });
  stamped.sort((a, b) => a.stamp[0] - b.stamp[0] || a.stamp[1] - b.stamp[1] || a.index - b.index);
  return stamped.map((m) => m.body).join("");
}

/**
 * The last `lines` lines of stdout and stderr, in the order the engine recorded them (by its timestamps), without
 * a trailing newline. Empty when the logging driver keeps nothing the engine can read back (`logDriver: "none"`,
 * syslog, ...).
 */
export async function lastLogLines(container: Docker.Container, tty: boolean, lines: number): Promise<string> {
  if (lines <= 0) return "";
  let raw: Buffer | string;
  try {
    // A TTY has one stream, already in order.
    raw = (await container.logs({ stdout: true, stderr: true, follow: false, tail: lines, timestamps: !tty })) as unknown as Buffer | string;
  } catch {
    return "";
  }
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, "utf8");
  if (tty) return buffer.toString("utf8").replace(/\r\n/g, "\n").replace(/\n$/, ""); // a TTY turns every "\n" into "\r\n"
  const messages = frames(buffer);
  return (messages ? inEngineOrder(messages) : buffer.toString("utf8")).replace(/\n$/, "");
}

/** The SDK's marker (sdk/secrets.ts): some input is a secret, so what the container prints may hold it. */
export function hasSecretInputs(inputs: Record<string, unknown>): boolean {
  return inputs.__secretInputs === true;
}

/**
 * Output for an error message, unless an input is secret: then it is not quoted at all (masking cannot catch
 * every form a secret can be printed in), and the message says where to read it.
 */
export function quoteOutput(inputs: Record<string, unknown>, text: string, where: string, max = 20): string {
  if (!hasSecretInputs(inputs)) return quoteLines(text, max);
  return ` (not shown: the container has secret inputs, which its output may contain; read it with ${where})`;
}

/** Log lines for an error message: indented, at most `max`. */
export function quoteLines(text: string, max = 20): string {
  const lines = text ? text.split(/\r?\n/).slice(-max) : [];
  return lines.length ? `\n  | ${lines.join("\n  | ")}` : " (no output)";
}
