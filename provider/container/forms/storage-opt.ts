// Storage driver options (HostConfig.StorageOpt).
import { sortedMap, type StringMap } from "./key-values";
import { formatSize, parseSize } from "./size";

/** Storage driver options; `size` in the largest whole unit, as the drivers read sizes. */
export function canonicalStorageOpt(map: StringMap): StringMap {
  return sortedMap(
    Object.entries(map).map(([k, v]) => {
      if (k.toLowerCase() !== "size") return [k, v];
      return [k, formatSize(parseSize(v))];
    }),
  );
}
