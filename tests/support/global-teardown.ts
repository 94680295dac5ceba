import { removeTestObjects } from "./engine";

// Everything the tests created carries the test label; remove it all, also after failures.
export default async function globalTeardown(): Promise<void> {
  await removeTestObjects({ images: true });
}
