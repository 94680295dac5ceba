import { randomBytes } from "crypto";
import { removeTestObjects, requireEngine } from "./engine";
import { ensureTestImages } from "./images";

/** Set when several test runs share one engine: each then leaves the others' objects and the images alone. */
export const sharedEngine = () => Boolean(process.env.DOCKWRIGHT_SHARED_ENGINE);

// Runs once per suite that needs the engine; building missing images takes about a second.
export default async function globalSetup(): Promise<void> {
  process.env.DOCKWRIGHT_TEST_RUN ??= randomBytes(4).toString("hex");
  await requireEngine();
  if (!sharedEngine()) await removeTestObjects({ images: false, scope: "all" });
  await ensureTestImages();
}
