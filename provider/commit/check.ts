import { z } from "zod";
import { containsUnknown } from "../unknown";
import type { CheckFailure } from "../container/options/spec";
import { instructionProblem } from "./changes";
import { engineCrossCheck, hostSchema } from "../container/settings/engine";
import { tlsSchema } from "../docker/tls";
import { engineTimeoutsSchema } from "../docker/timeouts";
import { ENGINE_KEYS, INPUT_KEYS, type Inputs } from "./inputs";
import { repositoryProblem, tagProblem } from "./reference";
import { nulByteFailures } from "../nul-bytes";

const CONTAINER_REF = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const text = (what: string) => z.string({ error: `expected ${what} (a string)` });

const SCHEMAS: Record<(typeof INPUT_KEYS)[number] | (typeof ENGINE_KEYS)[number], z.ZodType> = {
  host: hostSchema,
  tls: tlsSchema,
  engineTimeouts: engineTimeoutsSchema,
  container: text("a container id or name")
    .min(1, { error: "a container id or name is required, e.g. web.id" })
    .superRefine((v, ctx) => {
      // Names and ids are letters, digits and "_.-" (a name may start with "/"): anything else names no container.
      // (A NUL character has its own failure.)
      if (v !== "" && !v.includes("\0") && !CONTAINER_REF.test(v)) {
        ctx.addIssue({ code: "custom", message: `${JSON.stringify(v.slice(0, 60))} is not a container id or name: letters, digits, "_", "." and "-", starting with a letter or digit` });
      }
    }),
  repository: text("a repository such as myorg/app").superRefine((v, ctx) => {
    const problem = repositoryProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  tag: text("a tag such as v1").superRefine((v, ctx) => {
    const problem = tagProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  message: text("a commit message"),
  author: text('an author such as "Jane <jane@example.com>"'),
  changes: z
    .union([z.string(), z.array(z.string())], { error: 'expected Dockerfile instructions, e.g. ["CMD [\\"app\\"]", "ENV MODE=prod"]' })
    .superRefine((v, ctx) => {
      const list = typeof v === "string" ? [v] : v;
      list.forEach((entry, i) => {
        if (containsUnknown(entry)) return;
        const problem = instructionProblem(entry);
        if (problem) ctx.addIssue({ code: "custom", message: problem, path: typeof v === "string" ? [] : [i] });
      });
    }),
  pause: z.boolean({ error: "expected true (pause the container while committing, the default) or false" }),
  triggers: z.array(z.unknown(), { error: "expected a list of values; a change to any of them makes a new commit" }),
};

function propertyPath(key: string, path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${String(part)}`), key);
}

/** Validates the declared inputs; values not known yet (preview) pass through untouched. */
export function check(_olds: Inputs, news: Inputs): { inputs: Inputs; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    if (!key.startsWith("__") && !([...INPUT_KEYS, ...ENGINE_KEYS] as readonly string[]).includes(key)) {
      failures.push({ property: key, reason: `"${key}" is not a ContainerCommit input; expected one of ${[...INPUT_KEYS, ...ENGINE_KEYS].join(", ")}` });
    }
  }
  for (const key of [...INPUT_KEYS, ...ENGINE_KEYS]) {
    const value = news[key];
    // A list with some unknown entries is still checked entry by entry (changes).
    if (value === undefined || (containsUnknown(value) && !(key === "changes" && Array.isArray(value)))) continue;
    const result = SCHEMAS[key].safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) failures.push({ property: propertyPath(key, issue.path), reason: issue.message });
    }
  }
  // triggers are only compared, never sent to the engine.
  failures.push(...nulByteFailures(news, (key) => key === "triggers"));
  if (news.container === undefined) {
    failures.push({ property: "container", reason: "a container id or name is required, e.g. web.id" });
  }
  failures.push(...engineCrossCheck(Object.fromEntries(Object.entries(news).filter(([, v]) => !containsUnknown(v)))));
  if (news.tag !== undefined && news.repository === undefined) {
    failures.push({
      property: "tag",
      reason: "a tag needs a repository: without one the engine drops the tag and leaves an untagged image; set repository too",
    });
  }
  return { inputs: { ...news }, failures };
}
