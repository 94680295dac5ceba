// Uploads as tar entries: declared content, or a local file or folder read from the machine running Pulumi.
// The same entries give the fingerprint (check) and the archive (create), so what is written is what was diffed.
import { createHash } from "crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from "fs";
import { posix, resolve } from "path";

export interface Upload {
  path: string;
  content?: string;
  contentBase64?: string;
  source?: string;
  mode?: number | string;
  uid?: number;
  gid?: number;
}

export interface UploadEntry {
  /** Path inside the container, without the leading slash (tar names are relative to "/"). */
  name: string;
  type: "file" | "directory" | "symlink";
  mode: number;
  uid: number;
  gid: number;
  data?: Buffer;
  linkname?: string;
  /** Whether the bytes come from a local file (fingerprinted) rather than the inputs (compared as they are). */
  local: boolean;
}

const DEFAULT_FILE_MODE = 0o644;

/** `0o644` (a number) or an octal string: "644", "0644", "0o644". */
export function parseMode(mode: number | string): number {
  if (typeof mode === "number") return mode;
  const digits = mode.trim().replace(/^0o/i, "");
  if (!/^[0-7]{1,4}$/.test(digits)) throw new Error(`'${mode}' is not an octal file mode such as "0644"`);
  return parseInt(digits, 8);
}

const permissions = (stats: Stats) => stats.mode & 0o7777;

/** The tar entries for a local file or folder, recursively, sorted; symlinks stay symlinks. */
function localEntries(source: string, target: string, upload: Upload): UploadEntry[] {
  const owner = { uid: upload.uid ?? 0, gid: upload.gid ?? 0, local: true };
  const fileMode = upload.mode === undefined ? undefined : parseMode(upload.mode);
  const walk = (from: string, name: string): UploadEntry[] => {
    let stats: Stats;
    try {
      stats = lstatSync(from);
    } catch (err) {
      throw new Error(`cannot read ${from}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or folder" : (err as Error).message}`);
    }
    if (stats.isSymbolicLink()) return [{ name, type: "symlink", mode: 0o777, linkname: readlinkSync(from), ...owner }];
    if (stats.isDirectory()) {
      const children = readdirSync(from).sort();
      return [{ name, type: "directory", mode: permissions(stats), ...owner }, ...children.flatMap((c) => walk(`${from}/${c}`, `${name}/${c}`))];
    }
    if (!stats.isFile()) throw new Error(`${from} is neither a file, a folder nor a symlink`);
    return [{ name, type: "file", mode: fileMode ?? permissions(stats), data: readFileSync(from), ...owner }];
  };
  return walk(resolve(source), target);
}

/** Every entry the uploads write, in order. Relative `source` paths are relative to the program's directory. */
export function uploadEntries(uploads: Upload[]): UploadEntry[] {
  return uploads.flatMap((upload) => {
    const name = posix.normalize(upload.path).replace(/^\/+/, "").replace(/\/+$/, "");
    if (upload.source !== undefined) return localEntries(upload.source, name, upload);
    const data = upload.content !== undefined ? Buffer.from(upload.content, "utf8") : Buffer.from(upload.contentBase64 ?? "", "base64");
    const mode = upload.mode === undefined ? DEFAULT_FILE_MODE : parseMode(upload.mode);
    return [{ name, type: "file" as const, mode, uid: upload.uid ?? 0, gid: upload.gid ?? 0, data, local: false }];
  });
}

/**
 * sha256 over the entries: names, types, modes, owners, link targets, and the bytes of local files. Declared
 * content is left out: it is an input, compared as it is, and a hash of a secret would be stored outside it.
 */
export function uploadsFingerprint(entries: UploadEntry[]): string {
  const hash = createHash("sha256");
  for (const e of entries) {
    hash.update(JSON.stringify([e.name, e.type, e.mode, e.uid, e.gid, e.linkname ?? null, e.local]));
    if (e.local && e.data) hash.update(createHash("sha256").update(e.data).digest("hex"));
  }
  return `sha256:${hash.digest("hex")}`;
}
