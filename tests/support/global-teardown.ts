import { removeTestObjects } from "./engine";
import { sharedEngine } from "./global-setup";

// Everything the tests created carries the test label; remove it all, also after failures.
export default async function globalTeardown(): Promise<void> {
  await removeTestObjects({ images: !sharedEngine(), scope: sharedEngine() ? "run" : "all" });
}
