// Options that are one field of the create body, read back from the same field of inspect. One factory per place
// such a field lives (HostConfig, or the container's Config at the body's top level), one for fields the update
// endpoint changes in place, and one for flags.
import { booleanInput } from "../forms/schemas";
import { defineOption, type ApplyMode, type ContainerKey, type Context, type CreateBody, type OptionSpec } from "./spec";
import type Docker from "dockerode";

type Fields = Record<string, unknown>;

export type FieldSpec<C> = Omit<OptionSpec<C>, "key" | "normalize" | "write" | "read" | "apply"> & {
  key: ContainerKey;
  /** The field's name, the same in the create body and in inspect. */
  field: string;
  /** Default: the validated input as it is. */
  normalize?: (value: any, ctx: Context) => C;
  /** Inspect's raw value to canonical form (unset forms such as null or 0 included); default: as it is. */
  read?: (raw: unknown, ctx: Context) => C;
  /** Default "replace": the engine fixes most fields at create. */
  apply?: ApplyMode;
};

function fieldOption<C>(spec: FieldSpec<C>, inBody: (body: CreateBody) => Fields, inInspect: (info: Docker.ContainerInspectInfo) => Fields): OptionSpec<C> {
  const { field, normalize, read, apply, ...rest } = spec;
  return defineOption<C>({
    ...rest,
    normalize: normalize ?? ((value: C) => value),
    write: (body, value) => {
      inBody(body)[field] = value;
    },
    read: (info, ctx) => {
      const raw = inInspect(info)[field];
      return read ? read(raw, ctx) : (raw as C);
    },
    apply: apply ?? "replace",
  });
}

/** An option held in one HostConfig field. */
export function hostField<C>(spec: FieldSpec<C>): OptionSpec<C> {
  return fieldOption(spec, (body) => body.HostConfig as Fields, (info) => info.HostConfig as Fields);
}

/** An option held in one field of the container's Config (the top level of the create body). */
export function configField<C>(spec: FieldSpec<C>): OptionSpec<C> {
  return fieldOption(spec, (body) => body as unknown as Fields, (info) => info.Config as Fields);
}

/**
 * A HostConfig field the update endpoint changes in place. `unset` is what inspect holds when it is not declared;
 * in an update it means "no change", never "unset", so taking a value away needs a new container.
 */
export function updatableField<C>(
  spec: FieldSpec<C> & {
    unset: C;
    /** Further update fields sent with this one (the engine needs some together). */
    alongside?: (desired: C, desiredAll: Record<string, unknown>) => Fields;
  },
): OptionSpec<C> {
  const { unset, alongside, ...rest } = spec;
  return hostField<C>({
    whenUndeclared: () => unset,
    updateBody: (desired, ctx) => ({ [spec.field]: desired, ...alongside?.(desired, ctx.desired) }),
    inPlace: (desired) => desired !== unset,
    change: "removing it replaces",
    ...rest,
    apply: "update",
  });
}

/** true or false, false unless declared, in a field of HostConfig (`hostField`) or of Config (`configField`). */
export function flag(where: typeof hostField, key: ContainerKey, field: string, more: Partial<FieldSpec<boolean>> = {}): OptionSpec<boolean> {
  return where<boolean>({ key, field, schema: booleanInput, whenUndeclared: () => false, read: (raw) => raw === true, ...more });
}

/** A positive number, with 0, null and absent (all "not set" in inspect, depending on field and engine) as 0. */
export const positiveOrZero = (raw: unknown): number => (typeof raw === "number" && raw > 0 ? raw : 0);

/** Shows 0 as "unset", anything else with `format`. */
export const unsetOr = (format: (n: number) => string) => (n: number): string => (n === 0 ? "unset" : format(n));
