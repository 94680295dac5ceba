// The process the container runs: entrypoint and command, as lists or as one command line split like a shell.
import { commandInput } from "../forms/command-line";
import { defineOption } from "./spec";
import { splitCommand } from "../forms/command-line";

function asList(value: string[] | string | null | undefined): string[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

// Docker's merge of a create body with the image (daemon/create.go): with no entrypoint sent, the image's is kept;
// and when the entrypoint sent is empty (not sent, or []) and so is the command, the command is the image's CMD.
// So `entrypoint: []` clears the entrypoint and keeps the image's CMD, and `command: []` is the image's CMD unless a
// non-empty entrypoint is declared.

export const entrypoint = defineOption<string[]>({
  key: "entrypoint",
  sensitive: true,
  schema: commandInput,
  normalize: (value: string | string[]) => (typeof value === "string" ? splitCommand(value) : value),
  whenUndeclared: (ctx) => asList(ctx.image.config.Entrypoint),
  write: (body, value) => {
    body.Entrypoint = value;
  },
  read: (info) => asList(info.Config.Entrypoint),
  apply: "replace",
});

export const command = defineOption<string[]>({
  key: "command",
  sensitive: true,
  schema: commandInput,
  normalize: (value: string | string[]) => (typeof value === "string" ? splitCommand(value) : value),
  // An empty command under an empty entrypoint is replaced by the image's CMD (entrypoint comes first in OPTIONS).
  inherits: (value, ctx) => value.length === 0 && !((ctx.desired.entrypoint as string[] | undefined)?.length),
  // The engine drops the image's CMD when a non-empty entrypoint is sent.
  whenUndeclared: (ctx) => ((ctx.desired.entrypoint as string[] | undefined)?.length ? [] : asList(ctx.image.config.Cmd)),
  write: (body, value) => {
    body.Cmd = value;
  },
  read: (info) => asList(info.Config.Cmd),
  apply: "replace",
});
