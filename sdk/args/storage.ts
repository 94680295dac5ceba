import type * as pulumi from "@pulumi/pulumi";

/** Volumes, mounts and the container's filesystem. */
export interface StorageArgs {}
