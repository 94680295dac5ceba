import type * as pulumi from "@pulumi/pulumi";

/** Healthcheck, logging and platform. */
export interface HealthLogArgs {}
