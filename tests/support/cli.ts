// A stack run by the real Pulumi CLI, exactly as `npm run up` runs one (scripts/stack.js), with its own project
// folder, local file backend and config, so tests can run in parallel and leave nothing in the repository.
import { spawn, spawnSync, type ChildProcess } from "child_process";
import { randomBytes } from "crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { REPO_ROOT } from "./checkout";

const RUNNER = join(REPO_ROOT, "scripts", "stack.js");

export type CliOp = "create" | "same" | "update" | "replace" | "delete" | "create-replacement" | "delete-replaced" | "refresh" | "read";

export interface CliRun {
  code: number | null;
  /** What the CLI printed (no colour). */
  stdout: string;
  stderr: string;
  /** Both in the order they came, as a terminal shows them (resource messages come on stderr off a terminal). */
  text: string;
  /** The op of each resource's step, by resource name (create-replacement / delete-replaced are folded into replace). */
  steps: Record<string, string>;
  /** The engine's events, in order. */
  events: any[];
  /** Diagnostics (errors, warnings, info) by resource name. */
  diagnostics: { name: string; severity: string; message: string }[];
}

/** Fails loudly when no real CLI is installed: the CLI suite never skips itself into a green run. */
export function requireCli(): string {
  const found = spawnSync("bash", [join(REPO_ROOT, "scripts", "pulumi-cli.sh"), "--find"], { encoding: "utf8" });
  if (found.status !== 0) {
    throw new Error(`No Pulumi CLI found (${found.stderr.trim()}). The CLI suite needs one: run \`npm run pulumi:cli\` first.`);
  }
  return found.stdout.trim();
}

const nameOf = (urn: string) => urn.split("::").pop() ?? urn;

export class CliStack {
  readonly dir: string;
  readonly stack: string;
  private readonly backend: string;
  private config: Record<string, unknown> = {};
  private readonly secrets = new Set<string>();
  /** The runner of the operation in progress, for tests that interrupt it. */
  running?: ChildProcess;

  /**
   * `program`: the folder (or file) of the program to run; `project`: its project name (the config namespace).
   */
  constructor(
    readonly program: string,
    readonly project: string,
    options: { stack?: string } = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), "dockwright-cli-"));
    this.backend = join(this.dir, "state");
    // Unique: dockwright's identity labels come from project, stack and resource name (provider/identity.ts), and
    // other runs of these tests may share the engine.
    this.stack = options.stack ?? `test-${randomBytes(3).toString("hex")}`;
    writeFileSync(join(this.dir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\n`);
    // The CLI runs the provider host in the project folder, which resolves dockwright and @pulumi/pulumi from
    // there, as in a user's project (scripts/stack.js links node_modules/dockwright to the repository).
    symlinkSync(join(REPO_ROOT, "node_modules"), join(this.dir, "node_modules"));
  }

  /**
   * Sets the stack config (plain values; objects are stored as JSON, as `pulumi config set --path` would read).
   * A key set to undefined is removed.
   */
  setConfig(values: Record<string, unknown>): void {
    this.config = Object.fromEntries(Object.entries({ ...this.config, ...values }).filter(([, v]) => v !== undefined));
    this.writeConfig();
  }

  /** A secret config value, encrypted by the CLI itself (`pulumi config set --secret`). */
  setSecret(key: string, value: string): void {
    this.secrets.add(key);
    // On stdin: a value starting with "-" (a PEM key) would be read as a flag.
    const run = this.cli(["config", "set", "--secret", `${this.project}:${key}`], value);
    if (run.status !== 0) throw new Error(`pulumi config set --secret failed: ${run.stderr}`);
  }

  private writeConfig(): void {
    const file = join(this.dir, `Pulumi.${this.stack}.yaml`);
    const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
    // Keep the secrets the CLI wrote (encrypted) and the encryption salt; rewrite the plain values.
    const kept = existing.split("\n").filter((l) => l.startsWith("encryptionsalt:"));
    const secretLines = existing.split("\n").filter((l) => [...this.secrets].some((k) => l.includes(`${this.project}:${k}:`)) || /^\s+secure:/.test(l));
    const plain = Object.entries(this.config).map(([k, v]) => `  ${this.project}:${k}: ${JSON.stringify(typeof v === "string" ? v : JSON.stringify(v))}`);
    writeFileSync(file, [...kept, "config:", ...plain, ...secretLines, ""].join("\n"));
  }

  private env(eventLog?: string): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "",
      PULUMI_COLOR: "never",
      ...(eventLog ? { DOCKWRIGHT_EVENT_LOG: eventLog } : {}),
    };
  }

  /** A CLI command without a program (config, stack export ...), through the runner's passthrough. */
  cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync("node", [RUNNER, "pulumi", "--dir", this.dir, "--stack", this.stack, "--", ...args], {
      env: this.env(),
      encoding: "utf8",
      input,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** `pulumi stack export`, parsed. */
  exportState(): { text: string; deployment: any } {
    const run = this.cli(["stack", "export", "--show-secrets=false"]);
    if (run.status !== 0) throw new Error(`pulumi stack export failed: ${run.stderr}`);
    return { text: run.stdout, deployment: JSON.parse(run.stdout).deployment };
  }

  up(options: { diff?: boolean } = {}) {
    return this.run("up", options.diff ? ["--diff"] : []);
  }
  preview(options: { diff?: boolean; expectNoChanges?: boolean } = {}) {
    return this.run("preview", [...(options.diff ? ["--diff"] : []), ...(options.expectNoChanges ? ["--expect-no-changes"] : [])]);
  }
  refresh(options: { expectNoChanges?: boolean } = {}) {
    return this.run("refresh", options.expectNoChanges ? ["--expect-no-changes"] : []);
  }
  destroy() {
    return this.run("destroy", []);
  }

  /**
   * Runs one operation; resolves when the runner exits (whatever its exit code). `onStart` gets the runner and
   * the file the engine's events are appended to while it runs.
   */
  run(command: "up" | "preview" | "refresh" | "destroy", flags: string[], onStart?: (child: ChildProcess, eventLog: string) => void): Promise<CliRun> {
    const eventLog = join(this.dir, `events-${Date.now()}-${Math.random().toString(16).slice(2)}.jsonl`);
    const child = spawn("node", [RUNNER, command, "--dir", this.dir, "--program", this.program, "--stack", this.stack, ...flags], {
      env: this.env(eventLog),
      // Its own process group, so a test can send Ctrl-C to the runner and the CLI together, as a terminal does.
      detached: true,
    });
    this.running = child;
    onStart?.(child, eventLog);
    let stdout = "";
    let stderr = "";
    let text = "";
    child.stdout!.on("data", (d) => ((stdout += d), (text += d)));
    child.stderr!.on("data", (d) => ((stderr += d), (text += d)));
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        this.running = undefined;
        const events = existsSync(eventLog)
          ? readFileSync(eventLog, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
          : [];
        rmSync(eventLog, { force: true });
        resolve({ code, stdout, stderr, text, events, steps: stepsOf(events), diagnostics: diagnosticsOf(events) });
      });
    });
  }

  /** Destroys what is left and removes the project folder (state, config). */
  async dispose(): Promise<void> {
    // (The runner creates the backend folder on first use, as on a fresh clone: scripts/stack.js.)
    if (existsSync(this.backend)) await this.destroy().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The step per resource of a run, from the engine's resource events (the stack itself is left out). */
function stepsOf(events: any[]): Record<string, string> {
  const steps: Record<string, string> = {};
  for (const e of events) {
    const meta = e.resOutputsEvent?.metadata ?? e.resourcePreEvent?.metadata;
    if (!meta || meta.type === "pulumi:pulumi:Stack" || meta.type?.startsWith("pulumi:providers:")) continue;
    const name = nameOf(meta.urn);
    const op = meta.op === "create-replacement" || meta.op === "delete-replaced" || meta.op === "replace" ? "replace" : meta.op;
    // A replace shows as several steps of one resource; the replace wins.
    if (steps[name] !== "replace") steps[name] = op;
  }
  return steps;
}

function diagnosticsOf(events: any[]): CliRun["diagnostics"] {
  return events
    .filter((e) => e.diagnosticEvent)
    .map((e) => ({ name: e.diagnosticEvent.urn ? nameOf(e.diagnosticEvent.urn) : "", severity: e.diagnosticEvent.severity, message: e.diagnosticEvent.message }));
}

/**
 * The outputs the engine last reported for a resource during a run, read from the run's event log as it grows
 * (undefined before any): what a client following `pulumi up` sees.
 */
export function lastOutputs(eventLog: string, resource: string): Record<string, any> | undefined {
  if (!existsSync(eventLog)) return undefined;
  let outputs: Record<string, any> | undefined;
  for (const line of readFileSync(eventLog, "utf8").split("\n")) {
    let meta;
    try {
      meta = JSON.parse(line).resOutputsEvent?.metadata;
    } catch {
      continue; // the line being written
    }
    if (meta && nameOf(meta.urn) === resource && meta.new?.outputs) outputs = meta.new.outputs;
  }
  return outputs;
}

/** The run, or an error quoting what the CLI printed when it failed. */
export function ok<T extends { code: number | null; stdout: string; stderr: string }>(run: T): T {
  if (run.code !== 0) throw new Error(`the CLI failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return run;
}

/**
 * The CLI stacks of one test file: `stack(program, project)` makes one, `example(name)` one of examples/<name>
 * (project `dockwright-<name>`); all are destroyed and their folders removed after the file's tests.
 */
export function useCliStacks(): { stack(program: string, project: string): CliStack; example(name: string): CliStack } {
  const stacks: CliStack[] = [];
  afterAll(async () => {
    for (const stack of stacks) await stack.dispose();
  });
  const stack = (program: string, project: string) => {
    const made = new CliStack(program, project);
    stacks.push(made);
    return made;
  };
  return { stack, example: (name) => stack(join(REPO_ROOT, "examples", name), `dockwright-${name}`) };
}
