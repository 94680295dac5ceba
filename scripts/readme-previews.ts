// Regenerates the CLI output quoted in examples/quickstart/README.md: the real `pulumi preview --diff` for an
// in-place change, a replacement and drift, through the same runner as `npm run preview`.
//   node -r ./scripts/ts-register.js scripts/readme-previews.ts [image]
// The image defaults to the quickstart's (nginx:1.27); give a local one where no registry can be reached.
import Docker from "dockerode";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { CliStack, ok } from "../tests/support/cli";
import { freePort } from "../tests/support/ports";

const README = join(__dirname, "..", "examples", "quickstart", "README.md");

/** Replaces the fenced block after `<!-- generated: name -->` with the CLI's text. */
function put(readme: string, name: string, text: string): string {
  const marker = `<!-- generated: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`${README} has no ${marker}`);
  const start = readme.indexOf("```", at);
  const end = readme.indexOf("```", readme.indexOf("\n", start)) + 3;
  return `${readme.slice(0, start)}\`\`\`\n${text.trimEnd()}\n\`\`\`${readme.slice(end)}`;
}

async function main() {
  const stack = new CliStack(join(__dirname, "..", "examples", "quickstart"), "dockwright-quickstart", { stack: "dev" });
  try {
    stack.setConfig({ ...(process.argv[2] ? { image: process.argv[2] } : {}), port: await freePort() });
    ok(await stack.up());
    let readme = readFileSync(README, "utf8");

    stack.setConfig({ memory: "256m" });
    readme = put(readme, "in-place", ok(await stack.preview({ diff: true })).text);
    ok(await stack.up());

    stack.setConfig({ env: { GREETING: "hello" } });
    readme = put(readme, "replace", ok(await stack.preview({ diff: true })).text);
    ok(await stack.up());

    const id = stack.exportState().deployment.resources.find((r: any) => r.urn.endsWith("::web")).id;
    await new Docker().getContainer(id).update({ Memory: 300 * 1024 * 1024, MemorySwap: 600 * 1024 * 1024 });
    readme = put(readme, "drift", ok(await stack.preview({ diff: true })).text);
    writeFileSync(README, readme);
  } finally {
    await stack.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
