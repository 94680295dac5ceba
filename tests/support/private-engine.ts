// A second Docker engine of a test's own, which the test may kill and restart: its own data root, exec root (so
// its own managed containerd), pid file and socket under one folder in /tmp, no bridge, no iptables, vfs storage.
// The shared engine on /var/run/docker.sock is never signalled: every signal here goes to a process id this file
// started, or to a process whose command line names this engine's own folder (its containerd and shims).
// dockerd runs in a network namespace of its own, kept in a file of the folder (`unshare --net=<file>`) and entered
// by every start (`nsenter`): started with `--bridge=none` in the host's namespace, dockerd deletes the host's
// docker0, the shared engine's default bridge (libnetwork's removeDefaultBridgeInterface), and it must not touch
// the host's interfaces in any other way either. The namespace outlives a kill: the containerd shims listen on
// abstract unix sockets, which belong to a network namespace, so a restart in a new namespace could not reach the
// shims of the containers it had and would time out starting containerd.
import { spawn, type ChildProcess } from "child_process";
import { randomBytes } from "crypto";
import { spawnSync } from "child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import Docker from "dockerode";
import { eventually } from "./engine";
import { importBase } from "./images";

/** How long a start may take: a restart after SIGKILL waits about 10 s for the old shims before it answers. */
const START_DEADLINE_MS = 60_000;
/** How long a graceful stop may take before SIGKILL. */
const STOP_DEADLINE_MS = 20_000;

export class PrivateEngine {
  private daemon: ChildProcess | undefined;
  private starts = 0;

  readonly socket: string;
  /** The address for a resource's `host`. */
  readonly host: string;
  readonly docker: Docker;

  private get netns(): string {
    return `${this.dir}/netns`;
  }

  private constructor(readonly dir: string) {
    this.socket = `${dir}/docker.sock`;
    this.host = `unix://${this.socket}`;
    this.docker = new Docker({ socketPath: this.socket });
  }

  /** Starts a new engine in a fresh folder and waits until it answers `/_ping`; on failure, removes it all again. */
  static async start(): Promise<PrivateEngine> {
    // Short: a unix socket path has at most 107 bytes.
    const dir = `/tmp/dw-engine-${randomBytes(4).toString("hex")}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/daemon.json`, "{}\n");
    const engine = new PrivateEngine(dir);
    try {
      writeFileSync(engine.netns, "");
      const made = spawnSync("unshare", [`--net=${engine.netns}`, "true"], { encoding: "utf8" });
      if (made.status !== 0) throw new Error(`cannot make a network namespace for the private engine: ${made.stderr || made.error}`);
      await engine.launch();
    } catch (err) {
      await engine.stop();
      throw err;
    }
    return engine;
  }

  /** The dockerd process id of the current start. */
  get pid(): number | undefined {
    return this.daemon?.pid;
  }

  /** Everything the engine logged, over all its starts. */
  log(): string {
    const logs = [...Array(this.starts).keys()].map((n) => `${this.dir}/dockerd-${n + 1}.log`);
    return logs.map((file) => readFileSync(file, "utf8")).join("\n");
  }

  private async launch(): Promise<void> {
    const logFd = openSync(`${this.dir}/dockerd-${++this.starts}.log`, "a");
    const daemon = spawn(
      "nsenter",
      [
        // nsenter execs dockerd in place: the child's pid is dockerd's.
        `--net=${this.netns}`,
        "dockerd",
        `--data-root=${this.dir}/data`,
        `--exec-root=${this.dir}/exec`,
        `--pidfile=${this.dir}/docker.pid`,
        `--host=${this.host}`,
        "--bridge=none",
        "--iptables=false",
        "--ip-masq=false",
        "--ip6tables=false",
        "--storage-driver=vfs",
        // Its own config file path, so the host's /etc/docker/daemon.json does not apply.
        `--config-file=${this.dir}/daemon.json`,
      ],
      { stdio: ["ignore", logFd, logFd] },
    );
    closeSync(logFd);
    this.daemon = daemon;
    const exited = new Promise<string>((resolve) => daemon.once("exit", (code, signal) => resolve(`exited (${signal ?? code})`)));
    const ready = eventually(
      `the private engine at ${this.host} to answer /_ping`,
      async () => ((await this.docker.ping()) ? true : undefined),
      START_DEADLINE_MS,
    );
    const failed = await Promise.race([ready.then(() => undefined), exited]);
    if (failed) throw new Error(`the private engine ${failed} before it answered:\n${this.log().slice(-3000)}`);
  }

  /** Kills dockerd with SIGKILL, as a crash would (its managed containerd dies with it; the shims stay). */
  async kill(): Promise<void> {
    const daemon = this.daemon;
    if (!daemon || daemon.exitCode !== null || daemon.signalCode !== null) throw new Error("the private engine is not running");
    const exited = new Promise((r) => daemon.once("exit", r));
    daemon.kill("SIGKILL");
    await exited;
    // Its containerd goes too (dockerd starts it with a parent-death signal); wait for that before a restart.
    await eventually("the private engine's containerd to exit", async () => (this.containerdPids().length ? undefined : true), 15_000);
  }

  /** Starts dockerd again on the same data root. */
  async restart(): Promise<void> {
    await this.launch();
  }

  /** Loads the test base image (tests/support/images.ts) into this engine. */
  async loadBaseImage(): Promise<void> {
    await importBase(undefined, this.docker);
  }

  /**
   * Stops the engine (SIGTERM, then SIGKILL after a deadline), then any containerd or shim of its own left running,
   * unmounts what it left mounted under its folder and removes the folder. Never throws before the folder is gone.
   */
  async stop(): Promise<void> {
    const daemon = this.daemon;
    if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
      const exited = new Promise((r) => daemon.once("exit", r));
      daemon.kill("SIGTERM");
      const timer = setTimeout(() => daemon.kill("SIGKILL"), STOP_DEADLINE_MS);
      await exited;
      clearTimeout(timer);
    }
    for (const pid of this.ownProcesses()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await eventually("the private engine's processes to exit", async () => (this.ownProcesses().length ? undefined : true), 15_000).catch(() => undefined);
    this.unmountAll();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private containerdPids(): number[] {
    return this.ownProcesses((cmd) => cmd[0]?.endsWith("containerd") === true);
  }

  /** Processes whose command line names this engine's folder: its dockerd, containerd and shims, nothing else. */
  private ownProcesses(which: (cmd: string[]) => boolean = () => true): number[] {
    const pids: number[] = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      let cmd: string[];
      try {
        cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      } catch {
        continue;
      }
      if (cmd.some((arg) => arg.includes(`${this.dir}/`)) && which(cmd)) pids.push(Number(entry));
    }
    return pids;
  }

  /** dockerd mounts its data root (and netns files) and leaves them mounted after a kill; deepest first. */
  private unmountAll(): void {
    for (let round = 0; round < 10; round++) {
      const mounts = readFileSync("/proc/self/mountinfo", "utf8")
        .split("\n")
        .map((line) => line.split(" ")[4])
        .filter((point): point is string => !!point && (point === this.dir || point.startsWith(`${this.dir}/`)))
        .sort((a, b) => b.length - a.length);
      if (!mounts.length) return;
      for (const point of mounts) spawnSync("umount", ["-l", point], { stdio: "ignore" });
    }
  }
}

/** A private engine for a test file: started in beforeAll, always stopped and removed in afterAll. */
export function usePrivateEngine(options: { baseImage?: boolean } = { baseImage: true }): { readonly engine: PrivateEngine } {
  let engine: PrivateEngine | undefined;
  beforeAll(async () => {
    engine = await PrivateEngine.start();
    if (options.baseImage) await engine.loadBaseImage();
  }, START_DEADLINE_MS + 30_000);
  afterAll(async () => {
    await engine?.stop();
  }, STOP_DEADLINE_MS + 30_000);
  return {
    get engine() {
      if (!engine) throw new Error("the private engine starts in beforeAll");
      return engine;
    },
  };
}
