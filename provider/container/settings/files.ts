// Files written into the container after create and before the first start. A change of what is declared, or of
// a local source's bytes (the fingerprint), replaces the container: files are part of how it was made.
import { posix } from "path";
import { z } from "zod";
import { defineSetting, type SettingSpec } from "../options/spec";
import { issueFrom } from "../forms/issue";
import { parseMode, uploadEntries, uploadsFingerprint, type Upload } from "../lifecycle/upload-entries";

const id = (what: string) => z.number({ error: `expected a numeric ${what} (names need the container's /etc/passwd)` }).int(`expected a whole ${what}`).min(0, `${what} is 0 or more`);

const modeInput = z
  .union([z.number(), z.string()], { error: 'expected a file mode: a number such as 0o644, or an octal string such as "0644"' })
  .superRefine((value, ctx) => {
    const mode = issueFrom(ctx, () => parseMode(value));
    if (mode !== undefined && (!Number.isInteger(mode) || mode < 0 || mode > 0o7777)) ctx.addIssue({ code: "custom", message: `${value} is not a file mode (0 to 0o7777)` });
  });

const SOURCES = ["content", "contentBase64", "source"] as const;

const uploadInput = z
  .object({
    path: z
      .string({ error: "expected the absolute path inside the container, e.g. /etc/app/config.yaml" })
      .refine((p) => p.startsWith("/"), "expected an absolute path inside the container, e.g. /etc/app/config.yaml")
      .refine((p) => posix.normalize(p).replace(/\/+$/, "") !== "", "the path must name a file or folder, not /"),
    content: z.string({ error: "expected the file's text" }).optional(),
    contentBase64: z
      .string({ error: "expected the file's bytes in base64" })
      .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s.replace(/\s/g, "")), "expected base64 (A-Z, a-z, 0-9, +, /, = padding)")
      .optional(),
    source: z.string({ error: "expected a local file or folder path" }).min(1, "expected a local file or folder path").optional(),
    mode: modeInput.optional(),
    uid: id("uid").optional(),
    gid: id("gid").optional(),
  })
  .strict()
  .superRefine((upload, ctx) => {
    const given = SOURCES.filter((k) => upload[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: "custom", message: `give exactly one of content, contentBase64 or source${given.length ? ` (got ${given.join(" and ")})` : ""}` });
    }
  });

const canonicalPath = (p: string) => posix.normalize(p).replace(/\/+$/, "");

const uploads = defineSetting({
  key: "uploads",
  schema: z
    .array(uploadInput, { error: "expected a list of {path, content | contentBase64 | source, mode, uid, gid}" })
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((u, i) => {
        const path = canonicalPath(u.path);
        if (seen.has(path)) ctx.addIssue({ code: "custom", path: [i, "path"], message: `${path} is uploaded twice (also at uploads[${seen.get(path)}])` });
        else seen.set(path, i);
      });
    }),
  replaceOnChange: true,
  change: "(also when a `source`'s bytes, modes or files change, read at preview)",
  // `content` may be a secret: messages only say that uploads changed.
  sensitive: true,
  // The local files' bytes and modes, read on the machine running Pulumi: editing a source file is a change.
  fingerprint: (value: Upload[]) => uploadsFingerprint(uploadEntries(value)),
});

export const FILE_SETTINGS: SettingSpec[] = [uploads];
