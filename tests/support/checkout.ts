// Folders laid out like a user's project with dockwright installed, for the provider host to run in.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, resolve } from "path";

/** The repository: the closest folder up holding scripts/stack.js (also from a compiled copy under bench/dist). */
function repoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, "scripts", "stack.js"))) return dir;
  return resolve(from, "..", "..");
}

export const REPO_ROOT = repoRoot(__dirname);

export interface Checkout {
  dir: string;
  /** Where dockwright's package.json and dist/ are in this checkout. */
  packageDir: string;
  remove(): void;
}

/**
 * `copy: false`: node_modules/dockwright links to this repository (its current build).
 * `copy: true`: an installed copy of package.json and dist/ (so it can be changed or deleted on its own),
 * with the repository's dependencies linked beside it.
 */
export function makeCheckout(options: { copy: boolean }): Checkout {
  const dir = mkdtempSync(join(tmpdir(), "dockwright-checkout-"));
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  const packageDir = join(modules, "dockwright");
  if (options.copy) {
    mkdirSync(packageDir);
    cpSync(join(REPO_ROOT, "package.json"), join(packageDir, "package.json"));
    cpSync(join(REPO_ROOT, "dist"), join(packageDir, "dist"), { recursive: true });
    for (const entry of readdirSync(join(REPO_ROOT, "node_modules"))) {
      if (entry.startsWith(".") || entry === "dockwright") continue;
      symlinkSync(join(REPO_ROOT, "node_modules", entry), join(modules, entry));
    }
  } else {
    symlinkSync(REPO_ROOT, packageDir);
  }
  return { dir, packageDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
