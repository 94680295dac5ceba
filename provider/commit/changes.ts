// The Dockerfile instructions a commit can apply (`docker commit --change`), validated before anything is sent.
import { signalName } from "../container/options/process";

/** What `POST /commit` applies to the new image's config. */
const ALLOWED = ["CMD", "ENTRYPOINT", "ENV", "LABEL", "EXPOSE", "USER", "WORKDIR", "VOLUME", "STOPSIGNAL", "ONBUILD"];

const JSON_FORM = new Set(["CMD", "ENTRYPOINT", "VOLUME"]);
const PORT = /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/i;

/** Why one EXPOSE argument is not a port or port range of 1-65535 (optionally /tcp, /udp or /sctp). */
function exposeProblem(port: string): string | undefined {
  if (!PORT.test(port)) return "expected a port such as 8080, 8080/udp or 8000-8010/tcp";
  const [first, last = first] = port.split("/")[0].split("-").map(Number);
  const outside = [first, last].find((n) => n < 1 || n > 65535);
  if (outside !== undefined) return `${outside} is outside 1-65535`;
  if (last < first) return `the range ends before it starts`;
  return undefined;
}

interface Instruction {
  keyword: string;
  args: string;
}

function parseInstruction(text: string): Instruction {
  const trimmed = text.trim();
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  return { keyword: (match?.[1] ?? "").toUpperCase(), args: (match?.[2] ?? "").trim() };
}

/** One instruction per entry, keyword uppercased, surrounding space trimmed. */
export function canonicalChanges(value: string | string[]): string[] {
  const list = typeof value === "string" ? [value] : value;
  return list.map((entry) => {
    const { keyword, args } = parseInstruction(entry);
    return args ? `${keyword} ${args}` : keyword;
  });
}

function jsonArray(args: string): string[] | undefined {
  if (!args.startsWith("[")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    throw new Error(`${args} is not a JSON list; write ["executable", "arg"] with double quotes, or drop the brackets for the shell form`);
  }
  if (!Array.isArray(parsed) || parsed.some((p) => typeof p !== "string")) throw new Error("the JSON form must be a list of strings");
  return parsed as string[];
}

/** Why an instruction cannot be applied by a commit, or undefined when it can. */
export function instructionProblem(text: string): string | undefined {
  const { keyword, args } = parseInstruction(text);
  if (!keyword) return "an empty instruction; write e.g. CMD [\"sh\"] or ENV KEY=value";
  if (keyword === "RUN") {
    return (
      "RUN cannot be part of a commit: a commit records the container's filesystem as it is and runs nothing. " +
      "Run the command in the container before the commit (docker exec, or the container's command), or build the image from a Dockerfile"
    );
  }
  if (!ALLOWED.includes(keyword)) return `${keyword} is not an instruction a commit can apply; allowed: ${ALLOWED.join(", ")}`;
  if (!args) return `${keyword} needs arguments`;
  try {
    if (JSON_FORM.has(keyword)) jsonArray(args);
    switch (keyword) {
      case "ENV":
      case "LABEL":
        if (!/=/.test(args) && !/^\S+\s+\S/.test(args)) return `${keyword} takes KEY=value (or KEY value)`;
        break;
      case "EXPOSE": {
        for (const port of args.split(/\s+/)) {
          const problem = exposeProblem(port);
          if (problem) return `EXPOSE ${port.slice(0, 40)}: ${problem}`;
        }
        break;
      }
      case "STOPSIGNAL":
        signalName(args);
        break;
      case "ONBUILD": {
        const inner = parseInstruction(args).keyword;
        if (["ONBUILD", "FROM", "MAINTAINER"].includes(inner)) return `ONBUILD cannot trigger ${inner}`;
        break;
      }
    }
  } catch (err) {
    return `${keyword}: ${(err as Error).message}`;
  }
  return undefined;
}

/**
 * What to send: the instructions for the `changes` query, and a config body for what this engine's commit
 * refuses as a change but merges from the body (API 1.41 answers "stopsignal is not a valid change command").
 */
export function commitRequest(changes: string[]): { changes: string[]; config: { StopSignal?: string } } {
  const config: { StopSignal?: string } = {};
  const rest: string[] = [];
  for (const entry of changes) {
    const { keyword, args } = parseInstruction(entry);
    if (keyword === "STOPSIGNAL") config.StopSignal = signalName(args);
    else rest.push(entry);
  }
  return { changes: rest, config };
}
