import type * as pulumi from "@pulumi/pulumi";

/** How the container is deleted, and taking over an existing container. */
export interface DeleteArgs {}
