import { randomBytes } from "crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `<resource name>-<7 random chars>`, made a valid container name. */
export function autoName(resourceName: string): string {
  const base = resourceName.replace(/[^a-zA-Z0-9_.-]+/g, "-").replace(/^[^a-zA-Z0-9]+/, "") || "container";
  const suffix = Array.from(randomBytes(7), (b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${base}-${suffix}`;
}
