// The inputs of a ContainerCommit, their canonical forms, and the keys the SDK adds besides them.
import { changedInputs as changed, declaredInputs } from "../shared/changed-inputs";
import type { Inputs } from "../shared/check-inputs";
import { RESOURCE_NAME_KEY } from "../shared/named";
import { canonicalChanges } from "./changes";

export type { Inputs };

/** Every input; a change to any of them makes a new commit (an image is immutable). */
export const INPUT_KEYS = ["container", "repository", "tag", "message", "author", "changes", "pause", "triggers"] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

/**
 * Which engine the commit runs on (the engine of its container): compared separately, since new TLS material
 * for the same engine is no new commit, while another engine is.
 */
export const ENGINE_KEYS = ["host", "tls", "engineTimeouts"] as const;

/** A short label for messages: the resource name the program gave. */
export function describe(inputs: Inputs): string {
  const name = inputs[RESOURCE_NAME_KEY];
  return typeof name === "string" ? `commit "${name}"` : "commit";
}

/** `repository:tag` as the engine tags it (no tag = latest), or undefined without a repository. */
export function reference(inputs: Inputs): string | undefined {
  if (typeof inputs.repository !== "string" || inputs.repository === "") return undefined;
  const tag = typeof inputs.tag === "string" && inputs.tag !== "" ? inputs.tag : "latest";
  return `${inputs.repository}:${tag}`;
}

/** One canonical value per input, so equivalent forms (tag omitted vs "latest", pause omitted vs true) compare equal. */
export function canonical(key: InputKey, inputs: Inputs): unknown {
  const value = inputs[key];
  switch (key) {
    case "tag":
      return inputs.repository === undefined ? value : (value ?? "latest");
    case "message":
    case "author":
      return value ?? "";
    case "pause":
      return value ?? true;
    case "changes":
      return value === undefined ? [] : canonicalChanges(value as string | string[]);
    case "triggers":
      return value ?? [];
    default:
      return value;
  }
}

/** The inputs whose value differs (or is not known yet) between two sets of inputs. */
export const changedInputs = (olds: Inputs, news: Inputs): InputKey[] => changed(INPUT_KEYS, canonical, olds, news);

/** The declared inputs of stored outputs (outputs carry the inputs they were made from). */
export const inputsOf = (props: Inputs): Inputs => declaredInputs([...INPUT_KEYS, ...ENGINE_KEYS], props);
