// TLS material for a tcp:// engine: PEM text for the CA, the client certificate and its key. The key is a secret:
// no message here ever contains a value, only which part is wrong.
import { createHash } from "crypto";
import { readRegularFile } from "../local-file";
import * as os from "os";
import * as path from "path";
import { z } from "zod";

export interface TlsMaterial {
  /** CA certificate(s) the engine's certificate must chain to; without it, the system's CAs. */
  ca?: string;
  /** Client certificate the engine asks for (`--tlsverify` engines require one). */
  cert?: string;
  /** The client certificate's private key. */
  key?: string;
  /** Verify the engine's certificate and name (default true). */
  verify: boolean;
}

/** The most PEM text one field takes: a bundle of every public root CA is about 250 KB. */
export const PEM_MAX_BYTES = 1024 * 1024;

const BEGIN = "-----BEGIN ";
const DASHES = "-----";

/**
 * The label of the first PEM block in `text` (`-----BEGIN <label>-----`, something, `-----END <label>-----`), or
 * undefined when the first BEGIN line has no matching END. Two searches from the start: linear in the length.
 */
export function firstPemLabel(text: string): string | undefined {
  const begin = text.indexOf(BEGIN);
  if (begin < 0) return undefined;
  const labelStart = begin + BEGIN.length;
  const labelEnd = text.indexOf(DASHES, labelStart);
  if (labelEnd < 0) return undefined;
  const label = text.slice(labelStart, labelEnd);
  if (!/^[A-Z0-9 ]+$/.test(label)) return undefined;
  // At least one character of content between the lines.
  return text.indexOf(`-----END ${label}${DASHES}`, labelEnd + DASHES.length + 1) >= 0 ? label : undefined;
}

function pem(what: string, label: RegExp, example: string) {
  return z
    .string({ error: `expected the ${what} as PEM text (${example})` })
    .superRefine((v, ctx) => {
      if (v.length > PEM_MAX_BYTES) {
        ctx.addIssue({ code: "custom", message: `the ${what} is ${v.length} characters long, more than PEM material takes (at most ${PEM_MAX_BYTES}); the value is not shown` });
        return;
      }
      const found = firstPemLabel(v);
      if (found === undefined || !label.test(found)) {
        ctx.addIssue({ code: "custom", message: `expected the ${what} as PEM text (${example}); the value is not shown` });
      }
    });
}

export const tlsSchema = z
  .object(
    {
      ca: pem("CA certificate", /^(TRUSTED )?CERTIFICATE$/, "-----BEGIN CERTIFICATE-----, e.g. the contents of ca.pem"),
      cert: pem("client certificate", /^(TRUSTED )?CERTIFICATE$/, "-----BEGIN CERTIFICATE-----, e.g. the contents of cert.pem"),
      key: pem("client key", /PRIVATE KEY$/, "-----BEGIN PRIVATE KEY-----, e.g. the contents of key.pem"),
      verify: z.boolean({ error: "expected true (verify the engine's certificate, the default) or false" }),
    },
    { error: (issue) => (issue.code === "invalid_type" ? "expected an object with ca, cert, key (PEM text) and verify" : undefined) },
  )
  .partial()
  .strict()
  .superRefine((v, ctx) => {
    if ((v.cert === undefined) !== (v.key === undefined)) {
      const missing = v.cert === undefined ? "cert" : "key";
      ctx.addIssue({ code: "custom", path: [missing], message: "a client certificate needs both cert and key" });
    }
  });

type TlsInput = z.infer<typeof tlsSchema>;

export function tlsMaterial(input: TlsInput): TlsMaterial {
  return { ca: input.ca, cert: input.cert, key: input.key, verify: input.verify !== false };
}

/** Identifies the material without holding it: one client per (engine, material) in a process. */
export function tlsDigest(tls: TlsMaterial | undefined): string {
  if (!tls) return "plain";
  return createHash("sha256").update(JSON.stringify([tls.ca ?? "", tls.cert ?? "", tls.key ?? "", tls.verify])).digest("hex").slice(0, 16);
}

/**
 * The docker CLI's certificate directory (DOCKER_CERT_PATH, default ~/.docker): ca.pem, cert.pem, key.pem. Files
 * that do not exist are left out; verification without a CA file fails, as the CLI does.
 */
export function readCertDir(dir: string | undefined, verify: boolean): TlsMaterial {
  const base = dir || path.join(os.homedir(), ".docker");
  const read = (name: string) => {
    try {
      return readRegularFile(path.join(base, name), PEM_MAX_BYTES).toString("utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new Error(`cannot read ${path.join(base, name)}: ${(err as Error).message}`);
    }
  };
  const tls: TlsMaterial = { ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem"), verify };
  if (verify && tls.ca === undefined) throw new Error(`DOCKER_TLS_VERIFY is set but ${path.join(base, "ca.pem")} does not exist`);
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    throw new Error(`${base} holds ${tls.cert ? "cert.pem but no key.pem" : "key.pem but no cert.pem"}: a client certificate needs both`);
  }
  return tls;
}
