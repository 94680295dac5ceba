import type * as pulumi from "@pulumi/pulumi";

/** Files written before the first start, readiness, and run-to-completion jobs. */
export interface LifecycleArgs {}
