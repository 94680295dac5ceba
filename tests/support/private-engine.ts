// A second Docker engine of a test's own, which the test may kill and restart: dockerd with its own data root,
// exec root, pid file and socket, and a containerd of its own, all under one folder in /tmp; no bridge, no
// iptables, vfs storage. The shared engine on /var/run/docker.sock is never signalled: every signal here goes to a
// process this file started, or to a process whose command line names this engine's own folder (its shims).
// containerd runs apart from dockerd (`dockerd --containerd=<its socket>`), as the docker.service of Debian and
// of Docker's own packages run it: a dockerd crash leaves containerd and the containers' shims running, and the
// restarted dockerd finds them there. A containerd that dockerd starts itself dies with it, and the restart then
// fails in two ways (Docker 20.10, containerd 1.6): dockerd takes the dead containerd's pid file at its word while
// that pid is still a zombie (orphans wait for PID 1 to reap them, 1-2 s here), starts no containerd and gives up
// ("timeout waiting for containerd to start"); and a task created but not yet started when they died stays in the
// restarted containerd, so that container's every start fails with "task <id>: already exists".
// Both run in a network namespace of their own, kept in a file of the folder (`unshare --net=<file>`) and entered
// by every start (`nsenter`): started with `--bridge=none` in the host's namespace, dockerd deletes the host's
// docker0, the shared engine's default bridge (libnetwork's removeDefaultBridgeInterface), and it must not touch
// the host's interfaces in any other way either. The namespace outlives a kill and serves the restart too.
import { spawn, spawnSync, type ChildProcess } from "child_process";
import { createHash, randomBytes } from "crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { connect } from "net";
import { join } from "path";
import Docker from "dockerode";
import { eventually } from "./engine";
import { importBase } from "./images";

/** How long a start (of containerd or of dockerd) may take. */
const START_DEADLINE_MS = 60_000;
/** How long a graceful stop may take before SIGKILL. */
const STOP_DEADLINE_MS = 20_000;

export class PrivateEngine {
  private daemon: ChildProcess | undefined;
  private containerd: ChildProcess | undefined;
  private starts = 0;

  readonly socket: string;
  /** The address for a resource's `host`. */
  readonly host: string;
  readonly docker: Docker;

  private get netns(): string {
    return `${this.dir}/netns`;
  }

  private get containerdSocket(): string {
    return `${this.dir}/containerd.sock`;
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
      await engine.launchContainerd();
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

  /** Everything the engine logged: containerd, then dockerd over all its starts. */
  log(): string {
    const logs = ["containerd.log", ...[...Array(this.starts).keys()].map((n) => `dockerd-${n + 1}.log`)];
    return logs
      .map((file) => `${this.dir}/${file}`)
      .filter((file) => existsSync(file))
      .map((file) => `--- ${file}\n${readFileSync(file, "utf8")}`)
      .join("\n");
  }

  /** containerd with its root, state, socket and config in the folder; ready once its socket accepts a connection. */
  private async launchContainerd(): Promise<void> {
    const config = `${this.dir}/containerd.toml`;
    // What dockerd would write for a containerd of its own (minus the CRI plugin, which Docker does not use).
    writeFileSync(
      config,
      [
        `root = "${this.dir}/containerd/root"`,
        `state = "${this.dir}/containerd/state"`,
        `disabled_plugins = ["cri"]`,
        `[grpc]`,
        `  address = "${this.containerdSocket}"`,
        `[debug]`,
        `  address = "${this.dir}/containerd-debug.sock"`,
        "",
      ].join("\n"),
    );
    this.containerd = this.spawnLogged("containerd.log", ["containerd", `--config=${config}`]);
    await this.ready(this.containerd, `containerd at ${this.containerdSocket} to accept connections`, () => accepts(this.containerdSocket));
  }

  private async launch(): Promise<void> {
    this.daemon = this.spawnLogged(`dockerd-${++this.starts}.log`, [
      "dockerd",
      `--containerd=${this.containerdSocket}`,
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
    ]);
    await this.ready(this.daemon, `the private engine at ${this.host} to answer /_ping`, async () => ((await this.docker.ping()) ? true : undefined));
  }

  /** Runs `command` in the engine's network namespace (nsenter execs it in place: the child's pid is its own). */
  private spawnLogged(logName: string, command: string[]): ChildProcess {
    const logFd = openSync(`${this.dir}/${logName}`, "a");
    try {
      return spawn("nsenter", [`--net=${this.netns}`, ...command], { stdio: ["ignore", logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
  }

  /** Waits for `probe`, and fails at once, with the logs, if the process exits first. */
  private async ready(child: ChildProcess, what: string, probe: () => Promise<true | undefined>): Promise<void> {
    const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(`exited (${signal ?? code})`)));
    const ready = eventually(what, probe, START_DEADLINE_MS);
    const failed = await Promise.race([ready.then(() => undefined), exited]);
    if (failed) throw new Error(`${child.spawnargs[2]} of the private engine ${failed} before it was ready:\n${this.log().slice(-3000)}`);
  }

  /**
   * Kills dockerd with SIGKILL, as a crash would. containerd and the containers' shims stay, as they do on a host
   * where containerd is a service of its own.
   */
  async kill(): Promise<void> {
    const daemon = this.daemon;
    if (!daemon || !running(daemon)) throw new Error("the private engine is not running");
    const exited = new Promise((r) => daemon.once("exit", r));
    daemon.kill("SIGKILL");
    await exited;
    // dockerd refuses to start while its pid file names a live process, and the pid may be taken again.
    rmSync(`${this.dir}/docker.pid`, { force: true });
  }

  /**
   * Arms a crash at a chosen moment: SIGKILL to dockerd (as `kill`) at the first engine event that matches `filters`
   * (the filters of `docker events`), so that it lands while the request that made the event is being answered.
   * Resolves once the engine listens for it; `killed` resolves with the event once dockerd is dead, or rejects when
   * no such event came within `deadlineMs`.
   */
  async killOnEvent(filters: Record<string, string[]>, deadlineMs = START_DEADLINE_MS): Promise<{ killed: Promise<EngineEvent> }> {
    const stream = (await this.docker.getEvents({ filters: JSON.stringify(filters) })) as NodeJS.ReadableStream & { destroy(): void };
    const killed = new Promise<EngineEvent>((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new Error(`no engine event matching ${JSON.stringify(filters)} within ${deadlineMs} ms`));
      }, deadlineMs);
      const onData = (chunk: Buffer) => {
        text += chunk.toString();
        const end = text.indexOf("\n");
        if (end < 0) return;
        // First thing: the kill is meant to land inside the request that caused the event.
        const dead = this.kill();
        clearTimeout(timer);
        stream.removeListener("data", onData);
        stream.destroy();
        dead.then(() => resolve(JSON.parse(text.slice(0, end)) as EngineEvent), reject);
      };
      stream.on("data", onData);
    });
    // The stream breaks with the engine; only the kill (or the deadline) settles `killed`.
    stream.on("error", () => undefined);
    return { killed };
  }

  /** Starts dockerd again on the same data root, with the same containerd. */
  async restart(): Promise<void> {
    await this.launch();
  }

  /** Loads the test base image (tests/support/images.ts) into this engine. */
  async loadBaseImage(): Promise<void> {
    await importBase(undefined, this.docker);
  }

  /**
   * Stops dockerd, then containerd (each SIGTERM, then SIGKILL after a deadline), then any shim of its own left
   * running, unmounts what it left mounted under its folder and removes the folder. Never throws before the folder
   * is gone.
   */
  async stop(): Promise<void> {
    for (const child of [this.daemon, this.containerd]) if (child) await terminate(child);
    // A shim killed here leaves its socket in containerd's folder for all engines (/run/containerd/s); note them
    // while the shims' command lines still say which they are.
    const leftovers = this.ownProcesses();
    const sockets = leftovers.flatMap(({ cmd }) => shimSocket(cmd) ?? []);
    // With dockerd dead (a test that failed between kill and restart) its containers still run under their shims;
    // a killed shim would leave them running for good: kill them too, containers first.
    for (const pid of [...descendants(leftovers.map((p) => p.pid)), ...leftovers.map((p) => p.pid)]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await eventually("the private engine's processes to exit", async () => (this.ownProcesses().length ? undefined : true), 15_000).catch(() => undefined);
    for (const socket of sockets) rmSync(socket, { force: true });
    this.unmountAll();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Processes whose command line names this engine's folder: its dockerd, containerd and shims, nothing else. */
  private ownProcesses(): { pid: number; cmd: string[] }[] {
    const found: { pid: number; cmd: string[] }[] = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      let cmd: string[];
      try {
        cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      } catch {
        continue;
      }
      if (cmd.some((arg) => arg.includes(`${this.dir}/`))) found.push({ pid: Number(entry), cmd });
    }
    return found;
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
  }, 2 * START_DEADLINE_MS + 30_000);
  afterAll(async () => {
    await engine?.stop();
  }, 2 * STOP_DEADLINE_MS + 30_000);
  return {
    get engine() {
      if (!engine) throw new Error("the private engine starts in beforeAll");
      return engine;
    },
  };
}

/** One `docker events` record. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  timeNano: number;
}

/** Every process below `roots` (children, their children, ...), from the parent pids in /proc/<pid>/stat. */
function descendants(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields after the last ")" are state, then ppid.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [...roots];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (found.includes(child) || roots.includes(child)) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL after STOP_DEADLINE_MS; resolves once the process has exited. */
async function terminate(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_DEADLINE_MS);
  await exited;
  clearTimeout(timer);
}

/** Whether a unix socket accepts a connection; undefined (not yet) otherwise. */
function accepts(path: string): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(undefined));
  });
}

/**
 * The socket of a containerd-shim-runc-v2 from its command line (`-namespace ns -id id -address containerd.sock`):
 * /run/containerd/s/ and the sha256 of address/ns/id, as containerd 1.6 names it (runtime/v2/shim SocketAddress).
 */
function shimSocket(cmd: string[]): string | undefined {
  if (!cmd[0]?.endsWith("containerd-shim-runc-v2")) return undefined;
  const arg = (flag: string) => (cmd.includes(flag) ? cmd[cmd.indexOf(flag) + 1] : undefined);
  const [ns, id, address] = [arg("-namespace"), arg("-id"), arg("-address")];
  if (!ns || !id || !address) return undefined;
  return `/run/containerd/s/${createHash("sha256").update(join(address, ns, id)).digest("hex")}`;
}
