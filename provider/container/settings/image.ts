// Where the image comes from: pull policy and registry credentials. Neither changes the container: a different
// image is seen through the `image` option (the resolved image id), which is what replaces the container.
import { z } from "zod";
import { registryHost, parseReference, type ImageReference } from "../../docker/registry-reference";
import type { CheckFailure } from "../options/spec";
import { defineSetting, type SettingSpec } from "../options/spec";

const PULL_POLICIES = ["missing", "always", "never"] as const;
export type PullPolicy = (typeof PULL_POLICIES)[number];

/** The declared reference, parsed; undefined when it is not known yet or not valid (check reports that). */
function declaredReference(inputs: Record<string, unknown>): ImageReference | undefined {
  if (typeof inputs.image !== "string" || !inputs.image) return undefined;
  try {
    return parseReference(inputs.image);
  } catch {
    return undefined;
  }
}

const pull = defineSetting({
  key: "pull",
  // Default "missing": pulled only when the engine does not have the reference (docker run's default).
  schema: z.enum(PULL_POLICIES, { error: 'expected "missing" (pull when the engine does not have the image), "always" or "never"' }),
  change: '(with `"always"`, a tag that moved on the registry replaces the container; preview asks the registry, without pulling)',
  // The image reference's own form is checked here, so a bad digest fails at preview rather than at pull.
  crossCheck: (inputs): CheckFailure[] => {
    if (typeof inputs.image !== "string" || !inputs.image) return [];
    try {
      parseReference(inputs.image);
      return [];
    } catch (err) {
      return [{ property: "image", reason: (err as Error).message }];
    }
  },
  // "always" pulls at update: the image diff saw is not the one update runs.
  refetchedByUp: (value) => value === "always",
});

const nonEmpty = (what: string) => z.string({ error: `expected ${what} as a string` }).min(1, `${what} must not be empty`);

const registryAuth = defineSetting({
  key: "registryAuth",
  sensitive: true,
  schema: z.strictObject(
    {
      username: nonEmpty("the registry user name"),
      password: nonEmpty("the registry password (a secret)"),
      serverAddress: nonEmpty("the registry address, e.g. registry.example.com:5000").optional(),
    },
    { error: "expected { username, password, serverAddress? }" },
  ),
  // Credentials go to the registry of the image reference only; an address naming another registry is a mistake.
  crossCheck: (inputs): CheckFailure[] => {
    const auth = inputs.registryAuth as { serverAddress?: unknown } | undefined;
    const image = declaredReference(inputs);
    if (!auth || typeof auth.serverAddress !== "string" || !image || image.kind === "id") return [];
    const server = registryHost(auth.serverAddress);
    if (server === image.registry) return [];
    return [{
      property: "registryAuth.serverAddress",
      reason: `"${auth.serverAddress}" is not the registry of image "${image.ref}" (${image.registry}): the credentials would never be used; fix serverAddress or leave it out`,
    }];
  },
});

export const IMAGE_SETTINGS: SettingSpec[] = [pull, registryAuth];
