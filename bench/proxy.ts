// A counting proxy in front of the Docker engine: a unix socket that forwards every HTTP request to the real
// engine socket and counts it by method and path. A process started with DOCKER_HOST pointing at it is measured
// without touching its code. Keep-alive connections work (each request is forwarded on its own), and so do
// hijacked connections (attach, exec start with `Upgrade`): after the request head they become a raw byte pipe.
import * as http from "http";
import * as net from "net";
import { existsSync, unlinkSync } from "fs";

export const ENGINE_SOCKET = "/var/run/docker.sock";

/** `GET /containers/{id}/json`: ids, names and image references collapsed so calls group by kind. */
function callKind(method: string, url: string): string {
  let path = url.split("?")[0].replace(/^\/v\d+\.\d+/, "");
  path = path
    .replace(/^\/(containers|networks|volumes|exec)\/(?!json$|create$|prune$)[^/]+/, "/$1/{id}")
    .replace(/^\/images\/(?!json$|create$|prune$|load$|search$|get$).+?(\/json|\/history|\/push|\/tag)?$/, "/images/{ref}$1")
    .replace(/^\/distribution\/.+\/json$/, "/distribution/{ref}/json");
  return `${method} ${path}`;
}

class CountingProxy {
  /** Calls since the last `take()`, by kind. */
  private counts = new Map<string, number>();
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly socketPath: string,
  ) {}

  /** `DOCKER_HOST` value for a client that should go through this proxy. */
  get dockerHost(): string {
    return `unix://${this.socketPath}`;
  }

  static async start(socketPath: string, target = ENGINE_SOCKET): Promise<CountingProxy> {
    if (existsSync(socketPath)) unlinkSync(socketPath);
    // One upstream connection per client connection would also work; a keep-alive agent is simpler and
    // behaves like the engine sees a normal client.
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const server = http.createServer();
    const proxy = new CountingProxy(server, socketPath);
    // The engine's long calls (wait, logs follow) must not be cut by the proxy.
    server.requestTimeout = 0;
    server.headersTimeout = 0;
    server.keepAliveTimeout = 120_000;
    server.on("connection", (s) => {
      proxy.sockets.add(s);
      s.on("close", () => proxy.sockets.delete(s));
    });
    server.on("request", (req, res) => {
      proxy.count(req.method ?? "GET", req.url ?? "/");
      const headers = { ...req.headers };
      delete headers.connection;
      delete headers["keep-alive"];
      const upstream = http.request(
        { socketPath: target, method: req.method, path: req.url, headers, agent },
        (up) => {
          const out = { ...up.headers };
          delete out.connection;
          delete out["keep-alive"];
          res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
          // Streamed bodies (wait, events, build progress) are flushed as they come.
          up.pipe(res);
        },
      );
      upstream.on("error", (err) => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
        res.end(`proxy: ${err.message}`);
      });
      req.pipe(upstream);
    });
    // Hijacked connections: replay the request head to the engine, then pipe raw bytes both ways.
    server.on("upgrade", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      proxy.count(req.method ?? "GET", req.url ?? "/");
      const up = net.connect(target, () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        up.write(`${lines.join("\r\n")}\r\n\r\n`);
        if (head.length) up.write(head);
        client.pipe(up);
        up.pipe(client);
      });
      const close = () => {
        client.destroy();
        up.destroy();
      };
      up.on("error", close);
      client.on("error", close);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
    return proxy;
  }

  private count(method: string, url: string): void {
    const kind = callKind(method, url);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** The calls counted since the previous take, by kind (sorted by count), and their total. */
  take(): { total: number; byKind: Record<string, number> } {
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    this.counts = new Map();
    return { total: entries.reduce((n, [, c]) => n + c, 0), byKind: Object.fromEntries(entries) };
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (existsSync(this.socketPath)) unlinkSync(this.socketPath);
  }
}

export interface CallCounts {
  total: number;
  byKind: Record<string, number>;
}

/**
 * The counting proxy in a child process of its own: its CPU does not compete with the bench's event loop (which
 * runs the Pulumi program and the test engine), and it can be accounted for separately.
 */
export class ProxyProcess {
  private constructor(
    private readonly child: import("child_process").ChildProcess,
    readonly socketPath: string,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  get dockerHost(): string {
    return `unix://${this.socketPath}`;
  }

  static async start(socketPath: string): Promise<ProxyProcess> {
    const { fork } = await import("child_process");
    const child = fork(__filename, ["--serve", socketPath], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    await new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`the proxy process exited (${code}) before listening`)));
    });
    return new ProxyProcess(child, socketPath);
  }

  /** The calls counted since the previous take. */
  take(): Promise<CallCounts> {
    return new Promise((resolve) => {
      this.child.once("message", (m) => resolve(m as CallCounts));
      this.child.send("take");
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.send("stop");
    await exited;
  }
}

// `node proxy.js --serve <socket>`: the child side of ProxyProcess.
if (require.main === module && process.argv[2] === "--serve") {
  void CountingProxy.start(process.argv[3]).then((proxy) => {
    process.on("message", async (m) => {
      if (m === "take") process.send!(proxy.take());
      if (m === "stop") {
        await proxy.stop();
        process.exit(0);
      }
    });
    process.send!("ready");
  });
}
