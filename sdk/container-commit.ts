import * as pulumi from "@pulumi/pulumi";
import { engineInputs, type EngineArgs } from "./args/engine";
import { identityOf, IDENTITY_KEY } from "../provider/identity";
import { commitProviderShim } from "./provider-shim";

/** `host`/`tls`: the engine of the container being committed (the same settings as the Container's). */
export interface ContainerCommitArgs extends EngineArgs {
  /** The container to snapshot: its id or name, usually a `Container`'s `id`. A new container id (also behind the same name) makes a new commit. */
  container: pulumi.Input<string>;
  /** Repository to tag the image with (`myorg/app`, `registry.example.com:5000/app`): lowercase, no tag or digest. Without it the image is untagged. */
  repository?: pulumi.Input<string>;
  /** Tag (default `latest`); needs `repository` (the engine would drop a tag without one). An existing tag moves to the new image. */
  tag?: pulumi.Input<string>;
  /** Commit message (`docker commit -m`), shown as the image's Comment. */
  message?: pulumi.Input<string>;
  /** Author (`docker commit -a`), e.g. `"Jane <jane@example.com>"`. */
  author?: pulumi.Input<string>;
  /**
   * Dockerfile instructions applied to the new image's config (`docker commit --change`): CMD, ENTRYPOINT, ENV, LABEL,
   * EXPOSE, USER, WORKDIR, VOLUME, STOPSIGNAL, ONBUILD. One string or a list. RUN is refused: a commit runs nothing.
   */
  changes?: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Pause the container while committing, for a consistent snapshot (default true). */
  pause?: pulumi.Input<boolean>;
  /** Any values; a change to any of them makes a new commit (e.g. a hash of the files uploaded to the container). */
  triggers?: pulumi.Input<pulumi.Input<unknown>[]>;
}

/** The new image's config: what a container started from it inherits. */
export interface CommitImageConfig {
  /** CMD: the default command (empty when the image has none). */
  cmd: string[];
  /** ENTRYPOINT (empty when the image has none). */
  entrypoint: string[];
  /** ENV, as `KEY=value` entries. */
  env: string[];
  /** LABELs. */
  labels: Record<string, string>;
  /** EXPOSEd ports, as `port/protocol`, sorted. */
  exposedPorts: string[];
  /** USER ("" when unset: root). */
  user: string;
  /** WORKDIR ("" when unset: /). */
  workingDir: string;
  /** STOPSIGNAL ("" when unset: SIGTERM). */
  stopSignal: string;
}

/** What the container had changed on disk when it was committed (`docker diff`). */
export interface CommitDiskChanges {
  /** How many paths were added. */
  added: number;
  /** How many paths were changed. */
  changed: number;
  /** How many paths were deleted. */
  deleted: number;
  /** The first 20 paths in path order: `A /srv/app`, `C /etc`, `D /tmp/x`. */
  firstPaths: string[];
}

/**
 * A snapshot of a container as an image (`docker commit`). Immutable: any input change makes a new image and
 * removes the old one. An image removed or a tag moved outside Pulumi is committed again by the next up.
 * Destroy untags it and removes the image unless a container or another tag still uses it (then a warning).
 */
export class ContainerCommit extends pulumi.dynamic.Resource {
  /** The new image's id (`sha256:...`): pass it as a `Container`'s `image`. */
  declare readonly imageId: pulumi.Output<string>;
  /** The image's tags as the engine lists them, sorted (empty without a repository). */
  declare readonly repoTags: pulumi.Output<string[]>;
  /** When the image was created (RFC 3339). */
  declare readonly createdAt: pulumi.Output<string>;
  /** Image size in bytes. */
  declare readonly size: pulumi.Output<number>;
  /** The full id of the container that was committed. */
  declare readonly containerId: pulumi.Output<string>;
  /** The id of the image the container was started from. */
  declare readonly parentImageId: pulumi.Output<string>;
  /** The new image's config: cmd, entrypoint, env, labels, exposed ports, user, working directory, stop signal. */
  declare readonly config: pulumi.Output<CommitImageConfig>;
  /** Counts of added, changed and deleted paths in the container at commit time, and the first paths. */
  declare readonly diskChanges: pulumi.Output<CommitDiskChanges>;

  constructor(name: string, args: ContainerCommitArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      commitProviderShim,
      name,
      {
        ...args,
        ...engineInputs(args),
        __resourceName: name,
        // Finds the image a commit made when its answer was lost (provider/identity.ts).
        [IDENTITY_KEY]: identityOf({ project: pulumi.getProject(), stack: pulumi.getStack(), kind: "ContainerCommit", name }),
        imageId: undefined,
        repoTags: undefined,
        createdAt: undefined,
        size: undefined,
        containerId: undefined,
        parentImageId: undefined,
        config: undefined,
        diskChanges: undefined,
      },
      opts,
      "dockwright",
      "ContainerCommit",
    );
  }
}
