// Real image registries on 127.0.0.1 for the pull tests: Debian's `docker-registry` (distribution 2.8), storage in
// a temp dir, optionally behind an htpasswd (bcrypt) password. The engine treats 127.0.0.0/8 as an insecure
// registry, so plain http works. Every registry started here is stopped and its directory deleted by `stop()`,
// and, should a test run forget, when the process exits.
import { execFileSync, spawn, type ChildProcess } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { freePort } from "./ports";
import { tmpdir } from "os";
import { join } from "path";
import { docker, eventually } from "./engine";

export interface Registry {
  /** `127.0.0.1:<port>`: the registry part of image references. */
  host: string;
  /** Set when the registry requires a password. */
  credentials?: { username: string; password: string };
  /** Tags `source` as `<host>/<repo>` and pushes it (with the credentials when there are any); returns the manifest digest. */
  push(source: string, repo: string): Promise<string>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function bcryptLine(username: string, password: string): string {
  try {
    return execFileSync("htpasswd", ["-nbB", username, password], { encoding: "utf8" }).trim();
  } catch (err) {
    throw new Error(
      `cannot make the registry's htpasswd file: htpasswd (Debian's apache2-utils) is needed: ${(err as Error).message}. ` +
        `scripts/engine.sh start installs it.`,
    );
  }
}

function configYaml(dir: string, port: number, htpasswd: string | undefined): string {
  return [
    "version: 0.1",
    "log:",
    "  level: error",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${join(dir, "data")}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: 127.0.0.1:${port}`,
    ...(htpasswd ? ["auth:", "  htpasswd:", "    realm: dockwright-test", `    path: ${htpasswd}`] : []),
    "",
  ].join("\n");
}

async function follow(stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
      const failed = events?.find((e) => e.error);
      if (err) reject(err);
      else if (failed) reject(new Error(failed.error));
      else resolve();
    }),
  );
}

/** Starts a registry on a free port and waits until it answers `/v2/`. */
export async function startRegistry(options: { password?: boolean } = {}): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), "dockwright-registry-"));
  const credentials = options.password ? { username: "dockwright", password: `pw-${Date.now().toString(36)}` } : undefined;
  let htpasswd: string | undefined;
  if (credentials) {
    htpasswd = join(dir, "htpasswd");
    writeFileSync(htpasswd, `${bcryptLine(credentials.username, credentials.password)}\n`);
  }
  const port = await freePort();
  const config = join(dir, "config.yml");
  writeFileSync(config, configYaml(dir, port, htpasswd));
  const child = spawn("docker-registry", ["serve", config], { stdio: ["ignore", "ignore", "pipe"] });
  running.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("error", (err) => (stderr += String(err)));
  const host = `127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await eventually(`the registry on ${host} to answer`, async () => {
      if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr.trim()}`);
      const res = await fetch(`http://${host}/v2/`);
      return res.status === 200 || res.status === 401 ? true : undefined;
    });
  } catch (err) {
    await stop();
    throw err;
  }

  const push = async (source: string, repo: string): Promise<string> => {
    const [name, tag = "latest"] = repo.split(":");
    await docker.getImage(source).tag({ repo: `${host}/${name}`, tag });
    const authconfig = credentials ? { ...credentials, serveraddress: host } : undefined;
    const stream = (await docker.getImage(`${host}/${name}:${tag}`).push({ tag, authconfig } as any)) as unknown as NodeJS.ReadableStream;
    await follow(stream);
    const info = await docker.getImage(`${host}/${name}:${tag}`).inspect();
    const digest = info.RepoDigests.find((d) => d.startsWith(`${host}/${name}@`));
    if (!digest) throw new Error(`pushed ${host}/${name}:${tag} but the engine reports no digest for it`);
    return digest.slice(digest.indexOf("@") + 1);
  };

  return { host, credentials, push, stop };
}

/** Removes an image (by any reference) from the engine, so the next use has to pull it. */
export async function removeImage(ref: string): Promise<void> {
  await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
}
