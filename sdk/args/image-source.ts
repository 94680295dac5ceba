import type * as pulumi from "@pulumi/pulumi";

/** Where the image comes from: pull policy and registry credentials. */
export interface ImageSourceArgs {}
