// Small local files named by inputs or the environment (a seccomp profile, the CLI's certificate files), read on the
// machine running Pulumi. Only regular files are read, and only up to a limit: a path to /dev/zero, a FIFO or a
// huge file must fail at once, saying so, instead of blocking or filling memory.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "fs";

function kind(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

const KIB = 1024;

/** `1048576` -> "1 MiB", for messages. */
function formatLimit(bytes: number): string {
  if (bytes % (KIB * KIB) === 0) return `${bytes / (KIB * KIB)} MiB`;
  if (bytes % KIB === 0) return `${bytes / KIB} KiB`;
  return `${bytes} bytes`;
}

/**
 * The content of the regular file at `path`, of at most `maxBytes`. Throws with a message that says why not (it
 * is a device, a folder, a FIFO, or too large) and what is accepted; a missing file throws the ENOENT error as is.
 * Opened without blocking (a FIFO with no writer would wait forever) and checked on the open descriptor, so the
 * checks and the read concern the same file.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`it is ${kind(stats)}; only a regular file of at most ${formatLimit(maxBytes)} is read`);
    if (stats.size > maxBytes) throw new Error(`it is ${stats.size} bytes; only a regular file of at most ${formatLimit(maxBytes)} is read`);
    // Up to one byte more than allowed, so a file that grew since fstat is caught too.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > maxBytes) throw new Error(`it grew beyond ${formatLimit(maxBytes)} while being read; only a regular file of at most ${formatLimit(maxBytes)} is read`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
