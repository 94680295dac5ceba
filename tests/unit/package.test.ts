// What the published package holds and promises: the license it names, source maps that resolve to shipped
// sources, SDK types that catch a misspelt restart policy or size in the editor, and TSDoc on every input.
import { execFileSync } from "child_process";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join, posix } from "path";
import * as ts from "typescript";
import { OPTIONS } from "../../provider/container/options";

const ROOT = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

describe("the published package", () => {
  let packed: string[];

  beforeAll(() => {
    // `npm test` builds first; a unit run on its own may not have.
    if (!existsSync(join(ROOT, "dist", "sdk", "index.js"))) execFileSync("npx", ["tsc", "-p", "tsconfig.json"], { cwd: ROOT, stdio: "pipe" });
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    packed = (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
  }, 120_000);

  test("ships the full Apache-2.0 text that package.json names", () => {
    expect(pkg.license).toBe("Apache-2.0");
    expect(packed).toContain("LICENSE");
    const text = readFileSync(join(ROOT, "LICENSE"), "utf8");
    for (const part of ["Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
      "9. Accepting Warranty or Additional Liability", "END OF TERMS AND CONDITIONS", "APPENDIX: How to apply the Apache License to your work"]) {
      expect(text).toContain(part);
    }
    expect(text.length).toBeGreaterThan(11000);
  });

  test("every shipped source map points at sources that are shipped too", () => {
    const maps = packed.filter((f) => f.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(ROOT, map), "utf8")) as { sources: string[] };
      for (const source of sources) {
        const shipped = posix.normalize(posix.join(posix.dirname(map), source));
        if (!packed.includes(shipped)) missing.push(`${map} -> ${shipped}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Type-checks a program against the SDK sources; returns the messages of its errors, one per line it names. */
function typeErrors(body: string): Map<number, string> {
  const file = join(ROOT, "sdk", "__typecheck__.ts");
  const source = `import { Container, ContainerCommit, type SizeInput } from "./index";\n${body}\n`;
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true, types: ["node"] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile;
  host.readFile = (name) => (name === file ? source : read(name));
  const exists = host.fileExists;
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], options, host);
  const errors = new Map<number, string>();
  for (const d of ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file)) {
    const line = d.file!.getLineAndCharacterOfPosition(d.start!).line;
    errors.set(line, ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }
  return errors;
}

describe("SDK types", () => {
  test("restart and sizes are template-literal types: a typo is an error in the editor, every documented form is not", () => {
    const valid = [
      'restart: "no"', 'restart: "always"', 'restart: "unless-stopped"', 'restart: "on-failure"', 'restart: "on-failure:3"',
      'restart: { name: "on-failure", maximumRetryCount: 2 }', 'memory: "512m"', 'memory: "1.5g"', 'memory: "64k"', 'memory: "1024b"',
      'memory: "2GB"', "memory: 67108864", 'memorySwap: -1', 'memoryReservation: "32m"', 'shmSize: "128m"', 'kernelMemory: "64m"',
      'mounts: [{ type: "tmpfs", target: "/run", tmpfsOptions: { size: "64m" } }]', 'deviceReadBps: [{ path: "/dev/sda", rate: "1mb" }]',
    ];
    const invalid = ['restart: "sometimes"', 'restart: "on-failure:x"', 'restart: { name: "sometimes" }', 'memory: "lots"', 'memory: "512 megabytes"',
      'shmSize: "64q"', 'memoryReservation: "m"', 'mounts: [{ type: "tmpfs", target: "/run", tmpfsOptions: { size: "big" } }]'];
    const lines = [...valid, ...invalid].map((arg) => `new Container("c", { image: "x", ${arg} });`);
    const errors = typeErrors([...lines, 'const fromConfig: SizeInput = String("256m") as SizeInput;'].join("\n"));
    // Line 0 is the import.
    const erroneous = [...errors.keys()].map((line) => lines[line - 1]);
    expect(erroneous.sort()).toEqual(lines.slice(valid.length).sort());
  }, 60_000);

  /** Every property signature in the SDK's sources, with its TSDoc. */
  function sdkProperties(): { where: string; doc: string; tags: string[] }[] {
    const found: { where: string; doc: string; tags: string[] }[] = [];
    const names = readdirSync(join(ROOT, "sdk"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    for (const name of names) {
      const path = join(ROOT, "sdk", name);
      const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node, owner: string) => {
        let name = owner;
        // Functions' own types (the SDK's helpers) are no input or output.
        if (ts.isFunctionDeclaration(node)) return;
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node)) name = node.name?.text ?? owner;
        if ((ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
          name = `${owner}.${node.name.text}`;
          const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
          const doc = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join(" ").trim();
          const tags = docs.flatMap((d) => (d.tags ?? []).map((t) => t.tagName.text));
          // Private and internal fields of the class are no input or output.
          if (!(ts.isPropertyDeclaration(node) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword))) {
            found.push({ where: `${posix.basename(file.fileName)}: ${name}`, doc, tags });
          }
        }
        ts.forEachChild(node, (child) => visit(child, name));
      };
      visit(file, "");
    }
    return found;
  }

  test("every input and output, sub-fields included, has TSDoc", () => {
    const properties = sdkProperties();
    expect(properties.map((p) => p.where)).toEqual(
      expect.arrayContaining([
        "cgroup.ts: UlimitArg.soft",
        "storage.ts: MountInput.type",
        "container.ts: BoundPort.hostIp",
        "container-commit.ts: CommitImageConfig.cmd",
      ]),
    );
    expect(properties.filter((p) => !p.doc).map((p) => p.where)).toEqual([]);
  });

  test("every deprecated option carries @deprecated in the SDK", () => {
    const deprecated = OPTIONS.filter((o) => o.deprecated).map((o) => o.key);
    expect(deprecated.length).toBeGreaterThan(0);
    const tagged = sdkProperties().filter((p) => p.tags.includes("deprecated")).map((p) => p.where.split(".").pop());
    expect(tagged.sort()).toEqual(deprecated.sort());
  });
});
