// The README's "How it is built" names files and folders: every one must exist, so the map cannot drift from the tree.
import { existsSync, readFileSync } from "fs";
import { join } from "path";

const root = join(__dirname, "..", "..");

function section(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const start = readme.indexOf("## How it is built");
  const end = readme.indexOf("\n## ", start + 1);
  expect(start).toBeGreaterThan(-1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** A path in backquotes; a bare file name is under the folder named last before it in the same item. */
function paths(text: string): string[] {
  const found: string[] = [];
  for (const item of text.split(/\n- |\n\n/)) {
    let folder = "";
    for (const [, quoted] of item.matchAll(/`([^`]+)`/g)) {
      if (/^(sdk|provider|scripts|tests)\//.test(quoted)) {
        found.push(quoted);
        folder = quoted.endsWith("/") ? quoted : quoted.slice(0, quoted.lastIndexOf("/") + 1);
      } else if (/^[a-z-]+\.ts$/.test(quoted) && folder) {
        found.push(folder + quoted);
      } else if (/^[a-z-]+\/$/.test(quoted) && folder) {
        found.push(folder + quoted);
      }
    }
  }
  return found;
}

test("every file and folder the README's map names exists", () => {
  const named = paths(section());
  expect(named.length).toBeGreaterThan(20);
  expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
});
