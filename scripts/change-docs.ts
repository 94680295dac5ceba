// Writes how a change to each Container input applies, from the option and setting table (provider/container),
// into the SDK's TSDoc ("Change: ..." at the end of each field's comment) and the README's Container tables (the
// "change" column), so the docs say what the reconciler does.
//   node -r ./scripts/ts-register.js scripts/change-docs.ts
// tests/unit/change-docs.test.ts fails when the files differ from what this writes.
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { OPTIONS } from "../provider/container/options";
import type { ApplyMode } from "../provider/container/options/spec";
import { SETTINGS } from "../provider/container/settings";
import { containerArgFields } from "./container-args";

const ROOT = join(__dirname, "..");
const README = "README.md";
/** The README sections whose input tables list Container inputs (not "## ContainerCommit"). */
const SECTIONS = /^## (Container|Lifecycle\b.*)$/;
const WIDTH = 120;

const MODE: Record<ApplyMode, string> = {
  replace: "replace",
  update: "in place",
  rename: "renamed in place",
  network: "in place",
  state: "in place",
};

/** How a change to this input applies, as the docs say it; undefined for a key outside the table. */
export function changeText(key: string): string | undefined {
  const option = OPTIONS.find((o) => o.key === key);
  const setting = SETTINGS.find((s) => s.key === key);
  if (!option && !setting) return undefined;
  const base = option ? MODE[option.apply] : setting!.replaceOnChange ? "replace" : "no change to the container";
  const note = option ? option.change : setting!.change;
  if (!note) return base;
  return note.startsWith("(") ? `${base} ${note}` : `${base}; ${note}`;
}

/** The comment with its "Change: ..." sentence (the last one, else a new one) saying `text`. */
export function withChangeLine(comment: string, text: string): string {
  const sentence = `Change: ${text}.`;
  // "Change:" or "Change (when ...):", up to the comment's end.
  const marker = /Change(?: \([^)]*\))?: /g;
  if (!comment.includes("\n")) {
    const body = comment.replace(/^\/\*\*\s*/, "").replace(/\s*\*\/$/, "");
    const at = lastMatch(marker, body);
    return `/** ${at === undefined ? `${body} ` : body.slice(0, at)}${sentence} */`;
  }
  const lines = comment.split("\n");
  const indent = lines[lines.length - 1].replace(/\*\/$/, "");
  const body = lines.slice(1, -1).map((line) => line.replace(/^\s*\* ?/, ""));
  // Block tags (`@deprecated ...`) close the comment: the sentence goes at the end of the prose before them.
  const tagAt = body.findIndex((line) => line.startsWith("@"));
  const prose = tagAt < 0 ? body : body.slice(0, tagAt);
  const tags = tagAt < 0 ? [] : body.slice(tagAt);
  const joined = prose.join("\n");
  const at = lastMatch(marker, joined);
  const kept = (at === undefined ? `${joined.trimEnd()} ` : joined.slice(0, at)).split("\n");
  const out = kept.slice(0, -1);
  let line = kept[kept.length - 1];
  for (const word of sentence.split(" ")) {
    const next = line === "" || line.endsWith(" ") ? `${line}${word}` : `${line} ${word}`;
    if (`${indent}* ${next}`.length > WIDTH && line.trim() !== "") {
      out.push(line.trimEnd());
      line = word;
    } else line = next;
  }
  out.push(line);
  return [lines[0], ...[...out, ...tags].map((l) => `${indent}*${l ? ` ${l}` : ""}`), lines[lines.length - 1]].join("\n");
}

function lastMatch(pattern: RegExp, text: string): number | undefined {
  let at: number | undefined;
  for (const m of text.matchAll(pattern)) at = m.index;
  return at;
}

/** The SDK files with every ContainerArgs field's "Change:" sentence written from the table. */
function sdkFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const fields = containerArgFields(ROOT);
  for (const file of new Set(fields.map((f) => f.file))) {
    let text = readFileSync(join(ROOT, file), "utf8");
    // From the end, so earlier positions stay valid.
    for (const field of fields.filter((f) => f.file === file).reverse()) {
      const change = changeText(field.name);
      if (change === undefined) continue;
      if (!field.doc) throw new Error(`${file}: ${field.name} has no TSDoc to say how a change applies`);
      text = text.slice(0, field.doc.start) + withChangeLine(field.doc.text, change) + text.slice(field.doc.end);
    }
    files.set(file, text);
  }
  return files;
}

/** A README table row's cells (a `\|` inside a cell is text). */
const cellsOf = (row: string) => row.split(/(?<!\\)\|/);

/** The README with the "change" cell of every Container input row written from the table. */
function readme(): string {
  const lines = readFileSync(join(ROOT, README), "utf8").split("\n");
  let inSection = false;
  let changeColumn = -1;
  return lines
    .map((line, i) => {
      if (line.startsWith("## ")) inSection = SECTIONS.test(line);
      if (!inSection || !line.startsWith("|")) {
        changeColumn = -1;
        return line;
      }
      const cells = cellsOf(line);
      if (/^\s*(input|setting)\s*$/.test(cells[1]) && cells.some((c) => c.trim() === "change")) {
        changeColumn = cells.findIndex((c) => c.trim() === "change");
        return line;
      }
      if (changeColumn < 0 || /^\|-/.test(line)) return line;
      const keys = [...cells[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      const texts = new Set(keys.map((key) => changeText(key) ?? `(${key} is not in the table)`));
      if (!keys.length || texts.size !== 1) {
        throw new Error(`${README}:${i + 1}: the inputs of one row must change alike; split the row (${[...texts].join(" / ")})`);
      }
      cells[changeColumn] = ` ${[...texts][0]} `;
      return cells.join("|");
    })
    .join("\n");
}

/** Every file this script writes, with the text it writes (relative path -> text). */
export function changeDocs(): Map<string, string> {
  return new Map([...sdkFiles(), [README, readme()]]);
}

if (require.main === module) {
  for (const [file, text] of changeDocs()) {
    if (readFileSync(join(ROOT, file), "utf8") !== text) {
      writeFileSync(join(ROOT, file), text);
      console.log(`wrote ${file}`);
    }
  }
}
