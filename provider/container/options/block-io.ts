// Block I/O per device: relative weights and read/write throttles, as `"/dev/sda:1mb"` strings or objects.
// The engine stores each list verbatim; a path that is not a block device only fails at start.
import type Docker from "dockerode";
import { z } from "zod";
import { formatSize, parseSize } from "../forms/size";
import { defineOption, type ContainerKey } from "./spec";
import { quote } from "../forms/messages";
import { issueFrom } from "../forms/issue";

type Entry = { path: string; value: number };

const DEVICE_PATH = /^\/dev\/\S+$/;
const PATH_MESSAGE = 'expected a device path under /dev, e.g. "/dev/sda"';

/** The per-device value: how users write it, how it reads back, and its bounds. */
interface Measure {
  /** The object field: `weight` or `rate`. */
  field: "weight" | "rate";
  /** What the value is, for messages. */
  what: string;
  example: string;
  parse(text: string | number): number;
  /** A failure message, or undefined when the (parsed) value is allowed. */
  invalid(value: number): string | undefined;
  show(value: number): string;
}

/** `"/dev/sda:200"` to its path and value; the path may not contain ':' (as with the Docker CLI). */
function parseDeviceEntry(text: string, measure: Measure): Entry {
  const parts = text.split(":");
  if (parts.length !== 2 || !parts[1]) {
    throw new Error(`${quote(text)} is not a device ${measure.what}; expected "/dev/<device>:<${measure.field}>", e.g. "${measure.example}"`);
  }
  if (!DEVICE_PATH.test(parts[0])) throw new Error(`${quote(parts[0])}: ${PATH_MESSAGE}`);
  return { path: parts[0], value: measure.parse(parts[1]) };
}

function entryOf(input: string | Record<string, unknown>, measure: Measure): Entry {
  if (typeof input === "string") return parseDeviceEntry(input, measure);
  return { path: String(input.path), value: measure.parse(input[measure.field] as string | number) };
}

function deviceList(key: ContainerKey, field: string, measure: Measure) {
  const entryInput = z.union(
    [
      z.string(),
      z.object({ path: z.string().regex(DEVICE_PATH, PATH_MESSAGE), [measure.field]: z.union([z.number(), z.string()]) }).strict(),
    ],
    { error: `expected "${measure.example}" or {path, ${measure.field}}` },
  );
  // One string stands for a list of one (as the CLI flag is given once).
  const schema = z.preprocess(
    (value) => (typeof value === "string" ? [value] : value),
    z.array(entryInput, { error: `expected "${measure.example}", or a list of such strings or {path, ${measure.field}} objects` }).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const path = [i];
        const entry = issueFrom(ctx, () => entryOf(item as string | Record<string, unknown>, measure), path);
        if (!entry) return;
        const problem = measure.invalid(entry.value);
        if (problem) ctx.addIssue({ code: "custom", path, message: `${quote(entry.path)}: ${problem}` });
        // The kernel keeps one value per device: a second entry would silently win or lose.
        if (seen.has(entry.path)) ctx.addIssue({ code: "custom", path, message: `${quote(entry.path)} is listed twice; give each device once` });
        seen.add(entry.path);
      });
    }),
  );
  type Canonical = Record<string, string | number>;
  const canonical = (entries: Entry[]): Canonical[] =>
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((e) => ({ path: e.path, [measure.field]: e.value }));
  return defineOption<Canonical[]>({
    key,
    schema,
    normalize: (value: string | (string | Record<string, unknown>)[]) =>
      canonical((Array.isArray(value) ? value : [value]).map((item) => entryOf(item, measure))),
    whenUndeclared: () => [],
    write: (body, value) => {
      (body.HostConfig as Record<string, unknown>)[field] = value.map((e) => ({
        Path: e.path,
        [measure.field === "weight" ? "Weight" : "Rate"]: e[measure.field],
      }));
    },
    read: (info: Docker.ContainerInspectInfo) => {
      const raw = ((info.HostConfig as Record<string, unknown>)[field] ?? []) as Record<string, unknown>[];
      return canonical(raw.map((e) => ({ path: String(e.Path), value: Number(e.Weight ?? e.Rate ?? 0) })));
    },
    apply: "replace",
    show: (value) => (value.length ? value.map((e) => `${e.path}:${measure.show(e[measure.field] as number)}`).join(", ") : "none"),
  });
}

const wholeNumber = (what: string) => (text: string | number): number => {
  const n = typeof text === "number" ? text : /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(n)) throw new Error(`${quote(text)} is not a ${what}: expected a whole number`);
  // The engine holds these as 64-bit numbers; beyond this one a JavaScript number is no longer exact.
  if (!Number.isSafeInteger(n)) throw new Error(`${quote(text)} is too large a ${what}: at most ${Number.MAX_SAFE_INTEGER}`);
  return n;
};

const WEIGHT: Measure = {
  field: "weight",
  what: "weight",
  example: "/dev/sda:200",
  parse: wholeNumber("weight"),
  invalid: (n) => (n < 10 || n > 1000 ? "a block I/O weight is 10 to 1000" : undefined),
  show: String,
};

const BYTES: Measure = {
  field: "rate",
  what: "rate",
  example: "/dev/sda:1mb",
  parse: (text) => {
    if (typeof text === "number" && !Number.isInteger(text)) throw new Error(`${text} is not a whole number of bytes per second`);
    return parseSize(text);
  },
  // A rate of 0 means no limit to the kernel: leave the device out instead.
  invalid: (n) => (n <= 0 ? "the rate must be more than 0 bytes per second" : undefined),
  show: (n) => `${formatSize(n)}/s`,
};

const IOPS: Measure = {
  field: "rate",
  what: "rate",
  example: "/dev/sda:1000",
  parse: wholeNumber("number of operations per second"),
  invalid: (n) => (n <= 0 ? "the rate must be more than 0 operations per second" : undefined),
  show: (n) => `${n}/s`,
};

const blkioWeightDevice = deviceList("blkioWeightDevice", "BlkioWeightDevice", WEIGHT);
const deviceReadBps = deviceList("deviceReadBps", "BlkioDeviceReadBps", BYTES);
const deviceWriteBps = deviceList("deviceWriteBps", "BlkioDeviceWriteBps", BYTES);
const deviceReadIops = deviceList("deviceReadIops", "BlkioDeviceReadIOps", IOPS);
const deviceWriteIops = deviceList("deviceWriteIops", "BlkioDeviceWriteIOps", IOPS);

export const BLOCK_IO_OPTIONS = [blkioWeightDevice, deviceReadBps, deviceWriteBps, deviceReadIops, deviceWriteIops];
