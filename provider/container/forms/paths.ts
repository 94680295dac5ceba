// Paths inside the container and on the host, as the storage forms (volumes, mounts, tmpfs) take them.
import { quote } from "./messages";

/** Absolute container path, trailing slashes stripped (the engine strips them too). */
export function containerPath(path: string, what = "container path"): string {
  if (!path.startsWith("/")) throw new Error(`${what} ${quote(path)} must be absolute, e.g. /data`);
  return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
}

/** Host path, trailing slashes stripped. */
export function hostPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
}

export function sortByTarget<T extends { target: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}
