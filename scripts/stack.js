#!/usr/bin/env node
// npm run up | preview | refresh | destroy | pulumi -- <any pulumi command>
//
// Runs a Pulumi program of this repository (default: the root Pulumi.yaml's, the quickstart) under the real Pulumi
// CLI on a local file backend: no login, no prompt, the stack created when missing, no update check and no plugin
// download. The Node language host is not among the Go modules we can build here, so programs run through the
// Automation API as inline programs: the CLI drives the deployment and prints its own output, and the program runs
// in this process (TypeScript compiled on load, as Pulumi's language host does). See README "Running the examples".
//
//   node scripts/stack.js <up|preview|refresh|destroy> [--dir <project folder>] [--program <folder or file>]
//                          [--stack <name>] [--diff] [--expect-no-changes]
// --dir holds Pulumi.yaml and the stack config (default: the repository root); --program is the code to run
// (default: the project's `main`).
//   node scripts/stack.js pulumi [--dir ...] [--stack ...] -- <pulumi args>     (e.g. config set memory 256m, stack export)
//
// Environment: PULUMI_BACKEND_URL (default file://<repo>/.pulumi-state), PULUMI_CONFIG_PASSPHRASE (default empty),
// DOCKWRIGHT_STACK (default dev), DOCKWRIGHT_PULUMI_VERSION (the CLI version to find or make).
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const REPO = path.resolve(__dirname, "..");

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const opts = { command, dir: REPO, stack: process.env.DOCKWRIGHT_STACK || "dev", flags: new Set(), passthrough: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--") {
      opts.passthrough = rest.slice(i + 1);
      break;
    } else if (arg === "--dir") opts.dir = path.resolve(rest[++i]);
    else if (arg === "--stack") opts.stack = rest[++i];
    else if (arg === "--program") opts.program = path.resolve(rest[++i]);
    else if (arg.startsWith("--")) opts.flags.add(arg.slice(2));
    else opts.passthrough.push(arg);
  }
  return opts;
}

/** The folder holding a real `pulumi` (found, downloaded or built by scripts/pulumi-cli.sh). */
function cliDir() {
  return execFileSync("bash", [path.join(__dirname, "pulumi-cli.sh")], { stdio: ["ignore", "pipe", "inherit"] })
    .toString()
    .trim();
}

/** The environment every CLI run gets: local backend, nothing fetched from the internet, plugins found locally. */
function cliEnv(dir) {
  const pulumiPackage = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO] }));
  const backend = process.env.PULUMI_BACKEND_URL || `file://${path.join(REPO, ".pulumi-state")}`;
  // The CLI refuses a local backend folder that does not exist yet (a fresh clone has none).
  if (backend.startsWith("file://")) fs.mkdirSync(backend.slice("file://".length).replace(/^~(?=\/)/, require("os").homedir()), { recursive: true });
  return {
    PULUMI_BACKEND_URL: backend,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The CLI runs dynamic resources through @pulumi/pulumi's pulumi-resource-pulumi-nodejs: beside a CLI made by
    // scripts/pulumi-cli.sh, else found on PATH (the CLI then warns that it used one from PATH).
    PATH: [dir, pulumiPackage, process.env.PATH].join(path.delimiter),
  };
}

/** The program's entry file: the project's `main` (a folder or a file), else index.ts / index.js. */
function programEntry(dir) {
  if (fs.statSync(dir).isFile()) return dir;
  const projectFile = path.join(dir, "Pulumi.yaml");
  const project = fs.existsSync(projectFile) ? fs.readFileSync(projectFile, "utf8") : "";
  const main = /^main:\s*(\S+)\s*$/m.exec(project)?.[1];
  const base = main ? path.resolve(dir, main) : dir;
  for (const candidate of [base, path.join(base, "index.ts"), path.join(base, "index.js")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`no program found in ${base} (index.ts or index.js)`);
}

function projectName(dir) {
  const name = /^name:\s*(\S+)\s*$/m.exec(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))?.[1];
  if (!name) throw new Error(`${path.join(dir, "Pulumi.yaml")} has no project name`);
  return name;
}

/** The program imports dockwright by name, as users do; in this repository that is the repository itself. */
function linkSelf() {
  const link = path.join(REPO, "node_modules", "dockwright");
  if (!fs.existsSync(link)) fs.symlinkSync("..", link);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = cliDir();
  const env = cliEnv(dir);
  const color = process.env.PULUMI_COLOR || (process.stdout.isTTY ? "auto" : "never");

  if (opts.command === "pulumi") {
    // Commands without a program (config, stack export, stack output ...) go to the CLI as they are.
    Object.assign(process.env, env);
    spawnSync("pulumi", ["stack", "select", opts.stack, "--create", "--non-interactive"], { cwd: opts.dir, stdio: ["ignore", "ignore", "inherit"] });
    const run = spawnSync("pulumi", [...opts.passthrough, "--stack", opts.stack], { cwd: opts.dir, stdio: "inherit" });
    process.exit(run.status ?? 1);
  }
  if (!["up", "preview", "refresh", "destroy"].includes(opts.command)) {
    console.error("usage: node scripts/stack.js <up|preview|refresh|destroy|pulumi> [--dir <folder>] [--stack <name>] [--diff]");
    process.exit(2);
  }

  linkSelf();
  require("./ts-register");
  const { LocalWorkspace, PulumiCommand } = require(require.resolve("@pulumi/pulumi/automation", { paths: [REPO] }));
  const entry = programEntry(opts.program ?? opts.dir);
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(dir) });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: opts.stack, projectName: projectName(opts.dir), program: async () => require(entry) },
    { workDir: opts.dir, envVars: env, pulumiCommand },
  );

  // Ctrl-C in a terminal reaches the CLI too (same process group): it cancels, finishes the steps in flight and
  // saves the state. This process only stays alive for it (a second SIGINT from here would make the CLI stop
  // at once). SIGTERM (a CI job cancelled) reaches only this process: it is passed on to the CLI as one Ctrl-C.
  const abort = new AbortController();
  let interrupted = false;
  process.on("SIGINT", () => (interrupted = true));
  process.on("SIGTERM", () => abort.abort());

  // DOCKWRIGHT_EVENT_LOG: the engine's events as JSON lines (the CLI suite reads steps and diagnostics from them).
  const eventLog = process.env.DOCKWRIGHT_EVENT_LOG;
  const common = {
    onOutput: (text) => process.stdout.write(text),
    ...(eventLog ? { onEvent: (event) => fs.appendFileSync(eventLog, JSON.stringify(event) + "\n") } : {}),
    onError: (text) => process.stderr.write(text),
    color,
    signal: abort.signal,
    ...(process.env.DOCKWRIGHT_CLI_VERBOSITY ? { logToStdErr: true, logVerbosity: Number(process.env.DOCKWRIGHT_CLI_VERBOSITY) } : {}),
  };
  const diff = opts.flags.has("diff");
  const expectNoChanges = opts.flags.has("expect-no-changes");
  try {
    if (opts.command === "up") await stack.up({ ...common, diff });
    else if (opts.command === "preview") await stack.preview({ ...common, diff, expectNoChanges });
    else if (opts.command === "refresh") await stack.refresh({ ...common, expectNoChanges });
    else await stack.destroy(common);
  } catch (err) {
    // The CLI already printed what failed; the rest of the error repeats its command line and output.
    if (!/code: -?\d+/.test(String(err.message))) console.error(err.message);
    process.exit(interrupted || abort.signal.aborted ? 130 : 1);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`stack.js: ${err.message}`);
    process.exit(1);
  });
}
