import { randomBytes } from "crypto";
import { removeTestObjects, requireEngine } from "./engine";
import { ensureTestImages } from "./images";

// Runs once per suite that needs the engine; building the images takes about a second.
export default async function globalSetup(): Promise<void> {
  process.env.DOCKWRIGHT_TEST_RUN ??= randomBytes(4).toString("hex");
  await requireEngine();
  await removeTestObjects({ images: false });
  await ensureTestImages();
}
