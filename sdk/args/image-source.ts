import type * as pulumi from "@pulumi/pulumi";

/** Credentials for the registry of `image` (used for pulls only). */
export interface RegistryAuthArgs {
  /** Registry user name. */
  username: pulumi.Input<string>;
  /** Registry password or access token. Pass it as a secret (`pulumi.secret(...)`, `config.requireSecret(...)`). */
  password: pulumi.Input<string>;
  /**
   * The registry these credentials are for, as `docker login` takes it (`registry.example.com:5000`,
   * `https://index.docker.io/v1/`). Default: the registry of `image`. Another registry is rejected at preview.
   */
  serverAddress?: pulumi.Input<string>;
}

/** Where the image comes from: pull policy and registry credentials. */
export interface ImageSourceArgs {
  /**
   * When the engine pulls `image`:
   * - `"missing"` (default): only when the engine does not have the reference.
   * - `"always"`: a tag is pulled at every create and update; preview asks the registry (without pulling) whether
   *   the tag now points to another image, and then plans a replace.
   * - `"never"`: the engine must already have it; otherwise up fails saying so.
   *
   * A digest reference (`repo@sha256:...`) is pulled only when missing, whatever the policy; an image id is never
   * pulled. Pull progress appears in the `pulumi up` output. Change: no change to the container (with `"always"`, a tag
   * that moved on the registry replaces the container; preview asks the registry, without pulling).
   */
  pull?: pulumi.Input<"missing" | "always" | "never">;
  /**
   * Credentials for pulling `image`. Default: the `auths` of the Docker config file (`$DOCKER_CONFIG/config.json`,
   * else `~/.docker/config.json`), as written by `docker login`; credential helpers (`credsStore`, `credHelpers`)
   * are not run. Never shown in messages. Change: no change to the container.
   */
  registryAuth?: pulumi.Input<RegistryAuthArgs>;
}
