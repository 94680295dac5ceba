import type * as pulumi from "@pulumi/pulumi";

/** Kernel and cgroup settings fixed at create: a change replaces the container. */
export interface CgroupArgs {}
