// Volumes, mounts, tmpfs and the container's filesystem.
import type { OptionSpec } from "./option";

export const STORAGE_OPTIONS: OptionSpec<any>[] = [];
