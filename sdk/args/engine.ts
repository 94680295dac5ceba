import type * as pulumi from "@pulumi/pulumi";

/** Which Docker engine the container lives on. */
export interface EngineArgs {}
