// Settings are inputs that steer how dockwright manages a container (image pulls, uploads, readiness, jobs,
// delete, adoption, which engine) rather than the container's configuration: nothing in `docker inspect`
// reflects them, so they are compared with the previous run's inputs instead of with the engine.
import type { z } from "zod";
import type { CheckFailure } from "./option";

export interface SettingSpec {
  key: string;
  schema: z.ZodType;
  /** A change replaces the container (e.g. uploaded files, the engine it lives on); otherwise it only steers. */
  replaceOnChange?: boolean;
  /**
   * What identifies the value beyond its input (e.g. the bytes of an uploaded local file), computed by check on
   * the machine running Pulumi and stored in a hidden input, so a change of content is a change.
   */
  fingerprint?(value: any): string;
  crossCheck?(inputs: Record<string, unknown>): CheckFailure[];
  /** May hold secrets: never shown in messages. */
  sensitive?: boolean;
}

export function defineSetting(spec: SettingSpec): SettingSpec {
  return spec;
}

/** The hidden input that holds a setting's fingerprint. */
export const fingerprintKey = (key: string) => `__fingerprint_${key}`;
