// Kernel and cgroup settings the engine fixes at create (its update endpoint ignores or discards them): a change replaces.
import type { OptionSpec } from "./option";

export const CGROUP_OPTIONS: OptionSpec<any>[] = [];
