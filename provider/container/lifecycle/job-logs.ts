// A container's last log lines, from the logs endpoint. Without a TTY the engine multiplexes stdout and stderr
// in frames (1 byte stream, 3 zero bytes, 4 bytes big-endian length, payload); with a TTY it sends the raw text.
import type Docker from "dockerode";

export function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const stream = raw[at];
    const size = raw.readUInt32BE(at + 4);
    if (stream > 2 || raw[at + 1] !== 0 || raw[at + 2] !== 0 || raw[at + 3] !== 0) return raw.toString("utf8");
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString("utf8");
}

/**
 * The last `lines` lines of stdout and stderr, in the order the engine recorded them (lines written to both
 * streams at nearly the same time may swap), without a trailing newline. Empty when
 * the logging driver keeps nothing the engine can read back (`logDriver: "none"`, syslog, ...).
 */
export async function lastLogLines(container: Docker.Container, tty: boolean, lines: number): Promise<string> {
  if (lines <= 0) return "";
  let raw: Buffer | string;
  try {
    raw = (await container.logs({ stdout: true, stderr: true, follow: false, tail: lines })) as unknown as Buffer | string;
  } catch {
    return "";
  }
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, "utf8");
  // A TTY turns every "\n" into "\r\n".
  return (tty ? buffer.toString("utf8").replace(/\r\n/g, "\n") : demux(buffer)).replace(/\n$/, "");
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
