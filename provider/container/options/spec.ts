// The shapes of the table: an option (everything the reconciler needs to know about one container property) and a
// setting (an input that steers dockwright rather than the container).
import type Docker from "dockerode";
import type { DaemonFacts } from "../../docker/client";
import type { z } from "zod";
// Type only: the keys are the SDK's own field names (a runtime import would tie the provider to the SDK's code).
import type { ContainerArgs } from "../../../sdk/args/container";

/** An input property of Container, as the SDK declares it. */
export type ContainerKey = keyof ContainerArgs & string;

/** How a difference in this option is brought into line. */
export type ApplyMode = "replace" | "update" | "rename" | "network" | "state";

export type CreateBody = Docker.ContainerCreateOptions & {
  HostConfig: Docker.HostConfig;
  /** Sent as the create endpoint's `platform` query parameter, not in the body. */
  platform?: string;
};

/** A failure found by check, naming the property path. */
export interface CheckFailure {
  property: string;
  reason: string;
}

export interface ImageFacts {
  id: string;
  config: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | string | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
    WorkingDir?: string | null;
    User?: string | null;
    StopSignal?: string | null;
    Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number; StartInterval?: number } | null;
    Volumes?: Record<string, unknown> | null;
  };
  os?: string;
  architecture?: string;
  variant?: string;
}

/** What the reconciler knows while comparing: the image, and every declared option in canonical form. */
export interface Context {
  imageRef: string;
  image: ImageFacts;
  desired: Record<string, unknown>;
  /**
   * Ids of the other containers that declared values name (`container:<name>` modes, volumesFrom...), looked up
   * before normalizing: inspect reports ids, so names are compared as the ids they stand for.
   */
  containerIds: Record<string, string>;
  /** The daemon's own defaults (logging driver, runtime) for options that are not declared. */
  daemon: DaemonFacts;
}

export interface OptionSpec<C = unknown> {
  /** The input property name, as users write it: a field of the SDK's ContainerArgs (defineOption checks it). */
  key: string;
  /** Every form users may write; messages name what is expected. */
  schema: z.ZodType;
  /** Validated input to the canonical form used for comparing. */
  normalize(value: any, ctx: Context): C;
  /** What the container should hold when the option is not declared (image defaults); undefined: not compared. */
  whenUndeclared?(ctx: Context): C | undefined;
  /**
   * Whether the engine's merge with the image gives the container the image's value for this declared (canonical)
   * value, as for `command: []` without an entrypoint: then it is not sent, and compared as if not declared.
   * `ctx.desired` holds the options before this one in OPTIONS.
   */
  inherits?(value: C, ctx: Context): boolean;
  /** Writes the canonical value into the create body. */
  write(body: CreateBody, value: C, ctx: Context): void;
  /** The container's actual value, in canonical form, from inspect. */
  read(info: Docker.ContainerInspectInfo, ctx: Context): C;
  equal?(desired: C, actual: C): boolean;
  /** How a change is applied. */
  apply: ApplyMode;
  /**
   * What users need to know beyond `apply` about a change (e.g. "removing it replaces"): the SDK's "Change:" lines
   * and the README's tables are written from `apply` and this note (scripts/change-docs.ts), so they cannot drift.
   */
  change?: string;
  /** May hold secrets (env, command lines...): messages say it changed, never to what. */
  sensitive?: boolean;
  /** The canonical value as an input users could write (default: the canonical value itself). */
  toInput?(value: C): unknown;
  /** The canonical value as users write it, for messages (default: JSON). */
  show?(value: C): string;
  /** For `apply: "update"`: the fields of the Engine's update endpoint that set the desired value. */
  updateBody?(desired: C, ctx: Context): Record<string, unknown>;
  /**
   * For in-place modes: whether the engine can make this particular change in place (it cannot unset Memory or
   * NanoCpus, nor switch between the NanoCpus and CpuQuota models). When false, the change replaces.
   */
  inPlace?(desired: C, actual: C, info: Docker.ContainerInspectInfo): boolean;
  /**
   * Rules against other options that the engine enforces only at create or start, checked at preview instead.
   * `inputs` holds every known (validated) input as the user wrote it; `options` is the whole table (check always
   * passes it), for rules driven by other options' fields (mountTargets, ownNetworkStack).
   */
  crossCheck?(inputs: Record<string, unknown>, options?: readonly OptionSpec<any>[]): CheckFailure[];
  /** Names or ids of other containers a (validated) input refers to, resolved into `Context.containerIds`. */
  containerRefs?(value: any): string[];
  /**
   * The container paths a (validated) input mounts something on, each with its path within the input (`[0]`,
   * `["/run"]`); entries that do not parse are left out (their option reports them). The engine allows one mount
   * per container path, whichever option declares it.
   */
  mountTargets?(value: any): MountTarget[];
  /**
   * Configures the container's own network stack (names, DNS, published ports): refused with a networkMode of
   * `container:<x>`, where the container uses the other container's stack.
   */
  ownNetworkStack?: boolean;
  /** Deprecated: still accepted, with this warning in the preview when declared. */
  deprecated?: string;
  /**
   * What of this (validated, declared) input only one container can hold: one phrase each, for messages ("a MAC
   * address"); none when this value holds nothing. It decides how a replacement may run (unique.ts).
   */
  exclusive?: Exclusive;
  /**
   * How refresh gives this option back, when not as the others do (the program's spelling while the container
   * holds it, else what inspect reads; nothing when neither declared nor compared). "reference": the program's
   * reference while it still names the container's image on the engine, else the one the container was created
   * from. "generated": given back even when not declared (a container always has one), under the hidden input
   * of a generated value when the program declared none (inputs.ts, AUTONAME_KEY).
   */
  refresh?: "reference" | "generated";
}

/** What of an input only one container can hold (OptionSpec.exclusive). */
export interface Exclusive {
  held(value: any): string[];
  /**
   * Two containers clash over it as soon as the new one is created and started beside the old (a name, a fixed
   * host port): a replacement that create cannot swap deletes the old container first.
   */
  deleteFirst: boolean;
  /** Two running containers clash over it even under different names: start-first cannot run them side by side. */
  whileRunning: boolean;
}

/** A container path an input mounts something on (see `OptionSpec.mountTargets`). */
export interface MountTarget {
  path: PropertyKey[];
  target: string;
}

/** The id a container name or id stands for, when it was looked up (a name such as "constructor" is only a name). */
export function containerIdOf(ctx: Pick<Context, "containerIds">, ref: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(ctx.containerIds, ref) ? ctx.containerIds[ref] : undefined;
}

// The key's type is checked here rather than in OptionSpec, so lookups by any string (an input's key) stay plain.
export function defineOption<C>(spec: OptionSpec<C> & { key: ContainerKey }): OptionSpec<C> & { key: ContainerKey } {
  return spec;
}

// Settings are inputs that steer how dockwright manages a container (image pulls, uploads, readiness, jobs,
// delete, adoption, which engine) rather than the container's configuration: nothing in `docker inspect`
// reflects them, so they are compared with the previous run's inputs instead of with the engine.
export interface SettingSpec {
  /** A field of the SDK's ContainerArgs (defineSetting checks it). */
  key: string;
  schema: z.ZodType;
  /** A change replaces the container (e.g. uploaded files, the engine it lives on); otherwise it only steers. */
  replaceOnChange?: boolean;
  /** A note on how a change applies, beyond `replaceOnChange`, for the docs (as `OptionSpec.change`). */
  change?: string;
  /**
   * What identifies the value beyond its input (e.g. the bytes of an uploaded local file), computed by check on
   * the machine running Pulumi and stored in a hidden input, so a change of content is a change.
   */
  fingerprint?(value: any): string;
  crossCheck?(inputs: Record<string, unknown>): CheckFailure[];
  /** May hold secrets: never shown in messages. */
  sensitive?: boolean;
  /**
   * Whether with this value up fetches anew what preview observed (pull "always" pulls at update): then what diff
   * observed is not handed to the update that follows (observed.ts).
   */
  refetchedByUp?(value: unknown): boolean;
}

export function defineSetting(spec: SettingSpec & { key: ContainerKey }): SettingSpec {
  return spec;
}

/** The hidden input that holds a setting's fingerprint. */
export const fingerprintKey = (key: string) => `__fingerprint_${key}`;
