// Environment variables and labels: maps of user keys, compared without what the container inherits from its image.
import { withoutIdentityLabels } from "../../identity";
import { keyValueList, parseKeyValues, sortedMap, userMap, type StringMap } from "../forms/key-values";
import { quote } from "../forms/messages";
import { keyValueInput } from "../forms/schemas";
import { defineOption, type Context } from "./spec";

const envInput = keyValueInput({
  error: "expected a map of strings, or a list of KEY=value strings",
  scalars: "string, number or boolean",
  entry: "entries are written KEY=value",
  // The engine splits each variable at its first "=": a key holding one would become another variable.
  keyProblem: (key) => (key.includes("=") ? `the variable name ${quote(key)} contains "=": names end at the first "="` : undefined),
});

const labelsInput = keyValueInput({
  error: "expected a map of strings, or a list of KEY=value strings",
  scalars: "string, number or boolean",
  entry: "entries are written KEY=value",
});

function imageEnv(ctx: Context): StringMap {
  return parseKeyValues(ctx.image.config.Env ?? []);
}

/** Entries the container holds because its image set them, and that the program does not declare. */
function withoutInherited(actual: StringMap, inherited: StringMap, declared: StringMap | undefined): StringMap {
  return sortedMap(Object.entries(actual).filter(([k, v]) => (declared && k in declared) || inherited[k] !== v));
}

export const env = defineOption<StringMap>({
  key: "env",
  sensitive: true,
  schema: envInput,
  normalize: (value) => parseKeyValues(value),
  whenUndeclared: () => userMap(),
  write: (body, value) => {
    body.Env = keyValueList(value);
  },
  read: (info, ctx) =>
    withoutInherited(parseKeyValues(info.Config.Env ?? []), imageEnv(ctx), ctx.desired.env as StringMap | undefined),
  apply: "replace",
});

export const labels = defineOption<StringMap>({
  key: "labels",
  sensitive: true,
  schema: labelsInput,
  normalize: (value) => parseKeyValues(value),
  whenUndeclared: () => userMap(),
  write: (body, value) => {
    body.Labels = value;
  },
  read: (info, ctx) =>
    withoutInherited(
      // dockwright's own labels (identity.ts) are bookkeeping, never drift.
      sortedMap(Object.entries(withoutIdentityLabels(info.Config.Labels ?? {}))),
      sortedMap(Object.entries(withoutIdentityLabels(ctx.image.config.Labels ?? {}))),
      ctx.desired.labels as StringMap | undefined,
    ),
  apply: "replace",
});
