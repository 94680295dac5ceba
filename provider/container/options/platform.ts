// The platform the container runs: it is the platform of its image, so `platform` asserts which one that must be
// (sent as the create endpoint's `platform` query parameter). Only a platform the local image matches can be
// created: the engine does not pull, it refuses ("image with reference X was found but does not match the
// specified platform: wanted linux/arm64, actual: linux/amd64"), so the mismatch is reported before that.
import { z } from "zod";
import { defineOption, type Context, type ImageFacts } from "./spec";
import { quote } from "../forms/messages";
import { parsedBy } from "../forms/issue";

// Go's GOOS and GOARCH values, as containerd's platform parser knows them.
const KNOWN_OS = new Set(["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos"]);
const KNOWN_ARCH = new Set([
  "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le",
  "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
]);

interface Platform {
  os: string;
  architecture: string;
  /** "" for the architecture's baseline (amd64 v1, arm64 v8). */
  variant: string;
}

/** containerd's normalization: x86_64 = amd64, aarch64 = arm64, arm64/v8 = arm64, arm = arm/v7, armhf = arm/v7. */
function normalizePlatform(os: string, arch: string, variant = ""): Platform {
  const o = os.toLowerCase();
  let a = arch.toLowerCase();
  let v = variant.toLowerCase();
  if (/^\d/.test(v)) v = `v${v}`;
  if (a === "i386") a = "386";
  else if (a === "x86_64" || a === "x86-64" || a === "amd64") {
    a = "amd64";
    if (v === "v1") v = "";
  } else if (a === "aarch64" || a === "arm64") {
    a = "arm64";
    if (v === "v8" || v === "v8.0") v = "";
  } else if (a === "armhf") [a, v] = ["arm", "v7"];
  else if (a === "armel") [a, v] = ["arm", "v6"];
  else if (a === "arm" && v === "") v = "v7";
  return { os: o, architecture: a, variant: v };
}

function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}

/** `"linux/amd64"`, `"linux/arm64/v8"`, `"linux/arm/v7"` to its canonical form. */
export function parsePlatform(value: string): Platform {
  const parts = value.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) {
    throw new Error(`${quote(value)} is not a platform; expected os/architecture[/variant], e.g. "linux/amd64" or "linux/arm64/v8"`);
  }
  const p = normalizePlatform(parts[0], parts[1], parts[2]);
  if (!KNOWN_OS.has(p.os)) throw new Error(`${quote(parts[0])} is not an operating system Docker knows, e.g. linux or windows`);
  if (!KNOWN_ARCH.has(p.architecture)) throw new Error(`${quote(parts[1])} is not an architecture Docker knows, e.g. amd64, arm64 or arm`);
  return p;
}

/** The image's platform, canonical; undefined when the engine did not say. */
function imagePlatform(image: ImageFacts): Platform | undefined {
  if (!image.os || !image.architecture) return undefined;
  return normalizePlatform(image.os, image.architecture, image.variant ?? "");
}

const level = (variant: string) => Number(/^v(\d+)/.exec(variant)?.[1] ?? 0);

/**
 * Whether an image built for `image` runs as `wanted`: same os and architecture, and a variant no newer than the
 * wanted one (an amd64 image runs on amd64/v3, an arm/v6 image on arm/v7), as the engine's platform matcher does.
 */
export function platformMatches(wanted: Platform, image: Platform): boolean {
  if (wanted.os !== image.os || wanted.architecture !== image.architecture) return false;
  // "" is the baseline, below every numbered variant.
  return wanted.variant === image.variant || level(image.variant) <= level(wanted.variant);
}

export const platform = defineOption<string>({
  key: "platform",
  schema: z
    .string({ error: 'expected a platform such as "linux/amd64" or "linux/arm64/v8"' })
    .superRefine(parsedBy(parsePlatform)),
  normalize: (value: string, ctx: Context) => {
    const wanted = parsePlatform(value);
    const actual = imagePlatform(ctx.image);
    if (actual && !platformMatches(wanted, actual)) {
      // The engine would refuse at create; say so at preview, with the way out.
      throw new Error(
        `platform "${formatPlatform(wanted)}" does not match image "${ctx.imageRef}", which is ${formatPlatform(actual)} on this engine: ` +
          `pull the image for that platform (docker pull --platform ${formatPlatform(wanted)} ${ctx.imageRef}), or declare platform "${formatPlatform(actual)}"`,
      );
    }
    return formatPlatform(wanted);
  },
  // Not declared: the image decides, and removing the declaration changes nothing the container runs.
  whenUndeclared: () => undefined,
  write: (body, value) => {
    body.platform = value;
  },
  // The container runs its image's platform (inspect's own `Platform` holds only the os).
  read: (_info, ctx) => {
    const p = imagePlatform(ctx.image);
    return p ? formatPlatform(p) : "";
  },
  equal: (desired, actual) => {
    if (!actual) return false;
    const [os, arch, variant] = actual.split("/");
    return platformMatches(parsePlatform(desired), normalizePlatform(os, arch, variant));
  },
  apply: "replace",
  toInput: (value: string) => value || undefined,
});
