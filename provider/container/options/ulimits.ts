// Resource limits of the container's processes (setrlimit): `"nofile=1024:2048"`, `"nproc=512"` or {name, soft, hard}.
// The engine stores names verbatim (any case) and only runc, at start, refuses an unknown name or soft > hard.
import { z } from "zod";
import { defineOption } from "./spec";
import { quote } from "../forms/messages";
import { issueFrom } from "../forms/issue";

interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

/** The names runc maps to RLIMIT_<NAME>: the engine sends `RLIMIT_` + the upper-cased name. */
const ULIMIT_NAMES = [
  "as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime",
  "sigpending", "stack",
];

const STRING_FORM = /^([A-Za-z_]+)=(-?\d+)(?::(-?\d+))?$/;

/** One limit, validated; -1 is unlimited. A missing hard limit equals the soft one (as with the Docker CLI). */
export function parseUlimit(value: string | { name: string; soft: number; hard?: number }): Ulimit {
  let name: string, soft: number, hard: number;
  if (typeof value === "string") {
    const m = STRING_FORM.exec(value.trim());
    if (!m) throw new Error(`${quote(value)} is not a ulimit; expected "name=soft[:hard]", e.g. "nofile=1024:2048"`);
    [name, soft, hard] = [m[1], Number(m[2]), Number(m[3] ?? m[2])];
  } else {
    [name, soft, hard] = [value.name, value.soft, value.hard ?? value.soft];
  }
  name = name.toLowerCase();
  if (!ULIMIT_NAMES.includes(name)) throw new Error(`${quote(name)} is not a ulimit the engine knows; expected one of ${ULIMIT_NAMES.join(", ")}`);
  for (const n of [soft, hard]) {
    if (!Number.isSafeInteger(n) || n < -1) throw new Error(`${name}: limits are whole numbers, or -1 for unlimited`);
  }
  const unlimited = (n: number) => n === -1;
  if (unlimited(soft) ? !unlimited(hard) : !unlimited(hard) && soft > hard) {
    throw new Error(`${name}: the soft limit ${soft} is above the hard limit ${hard}`);
  }
  return { name, soft, hard };
}

const sortUlimits = (list: Ulimit[]) => list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const entryInput = z.union(
  [z.string(), z.object({ name: z.string(), soft: z.number().int(), hard: z.number().int().optional() }).strict()],
  { error: 'expected "name=soft[:hard]" or {name, soft, hard}' },
);

export const ulimits = defineOption<Ulimit[]>({
  key: "ulimits",
  schema: z.array(entryInput, { error: 'expected a list of ulimits such as ["nofile=1024:2048"]' }).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const limit = issueFrom(ctx, () => parseUlimit(item), [i]);
      if (!limit) return;
      if (seen.has(limit.name)) ctx.addIssue({ code: "custom", path: [i], message: `${limit.name} is listed twice; give each ulimit once` });
      seen.add(limit.name);
    });
  }),
  normalize: (list: Parameters<typeof parseUlimit>[0][]) => sortUlimits(list.map(parseUlimit)),
  // The daemon's own default ulimits (dockerd --default-ulimit) are applied at start, not stored in the container.
  whenUndeclared: () => [],
  write: (body, value) => {
    body.HostConfig.Ulimits = value.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard }));
  },
  read: (info) =>
    sortUlimits(((info.HostConfig.Ulimits ?? []) as { Name: string; Soft: number; Hard: number }[]).map((u) => ({
      name: u.Name.toLowerCase(),
      soft: u.Soft,
      hard: u.Hard,
    }))),
  apply: "replace",
  show: (value) => (value.length ? value.map((u) => `${u.name}=${u.soft}:${u.hard}`).join(", ") : "none"),
});
