// Loads `.ts` files by transpiling them on require, as Pulumi's Node language host does for TypeScript programs
// (types are not checked here: `npm run build` and the test suite do that). `node -r ./scripts/ts-register.js x.ts`
"use strict";
const fs = require("fs");
const path = require("path");

if (!require.extensions[".ts"]) {
  const ts = require(require.resolve("typescript", { paths: [path.resolve(__dirname, "..")] }));
  require.extensions[".ts"] = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    module._compile(outputText, filename);
  };
}
