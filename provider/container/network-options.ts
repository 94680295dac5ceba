// Networks, DNS and host entries.
import type { OptionSpec } from "./option";

export const NETWORK_OPTIONS: OptionSpec<any>[] = [];
