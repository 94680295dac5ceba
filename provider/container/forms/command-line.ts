// Command lines: a list taken as it is, or one string split as a POSIX shell would, variables kept literal.
import { parse as shellParse } from "shell-quote";
import { z } from "zod";
import { issueFrom } from "./issue";

/** A command line as the Docker CLI's user would type it, split like a POSIX shell, variables kept literal. */
export function splitCommand(value: string): string[] {
  const parts = shellParse(value, (name: string) => `$${name}`);
  return parts.map((part) => {
    if (typeof part === "string") return part;
    if ("op" in part && part.op === "glob") return part.pattern;
    throw new Error(
      `contains the shell operator '${"op" in part ? part.op : "#"}'; ` +
        `write the command as a list, e.g. ["sh", "-c", "..."], to run it through a shell`,
    );
  });
}

/**
 * The longest command line split as a shell would: splitting costs time per word, and check answers every input
 * quickly. Longer commands are given as a list (taken as they are).
 */
const MAX_COMMAND_LINE = 16384;

export const commandInput = z.union([z.string().min(1), z.array(z.string())], {
  error: "expected a list of strings, or one command line as a string",
}).superRefine((value, ctx) => {
  if (typeof value !== "string") return;
  if (value.length > MAX_COMMAND_LINE) {
    ctx.addIssue({ code: "custom", message: `a command line given as one string is at most ${MAX_COMMAND_LINE} characters (got ${value.length}); give a longer command as a list, e.g. ["sh", "-c", "..."]` });
    return;
  }
  issueFrom(ctx, () => splitCommand(value));
});
