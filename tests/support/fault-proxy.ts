// A fault-injecting proxy between the provider and the real engine: a unix socket that forwards every request to
// /var/run/docker.sock, except the Nth request of a given kind, which it fails, drops, answers late, never answers,
// or forwards and then cuts off before the answer reaches the provider (the engine acted, the answer is lost).
// Resources reach it through their `host` input (`proxy.host`). Calls are grouped as the provider names them
// (provider/docker/calls.ts): "POST /containers/create", "POST /containers/{id}/start", ...
import * as http from "http";
import * as net from "net";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { callKind } from "../../provider/docker/calls";

const ENGINE_SOCKET = "/var/run/docker.sock";

export type Fault =
  /** Answer 500 without forwarding: the engine never sees the request. */
  | "fail"
  /** Close the connection without forwarding: the engine never sees it, the provider gets no answer. */
  | "drop"
  /** Forward, let the engine answer, then close the connection instead of passing the answer on. */
  | "lose-answer"
  /** Never forward and never answer. */
  | "hang"
  /** Forward after `delayMs`. */
  | "delay";

export interface FaultRule {
  /** A call kind, e.g. "POST /containers/{id}/start", or "*" for every call. */
  kind: string;
  fault: Fault;
  /** Which matching request (1: the first after arming). Default 1. */
  nth?: number;
  /** Every matching request from the nth on, not just the nth. */
  every?: boolean;
  /** Pass the nth matching request and its answer, then fault every later request of any kind (an engine gone). */
  after?: boolean;
  delayMs?: number;
}

export class FaultProxy {
  private rule: FaultRule | undefined;
  private seen = 0;
  private tripped = false;
  /** Every call kind that went through, in order. */
  readonly calls: string[] = [];
  /** The faults injected, as "<fault> <kind>". */
  readonly injected: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: http.Server,
    private readonly dir: string,
    readonly socketPath: string,
  ) {}

  /** The `host` input that sends a resource's Engine API calls through this proxy. */
  get host(): string {
    return `unix://${this.socketPath}`;
  }

  arm(rule: FaultRule): void {
    this.rule = rule;
    this.seen = 0;
    this.tripped = false;
  }

  disarm(): void {
    this.rule = undefined;
  }

  static async start(): Promise<FaultProxy> {
    const dir = mkdtempSync(join(tmpdir(), "dw-fault-"));
    const socketPath = join(dir, "engine.sock");
    const agent = new http.Agent({ keepAlive: true });
    const server = http.createServer();
    const proxy = new FaultProxy(server, dir, socketPath);
    server.requestTimeout = 0;
    server.headersTimeout = 0;
    server.on("connection", (s) => {
      proxy.sockets.add(s);
      s.on("close", () => proxy.sockets.delete(s));
    });
    server.on("request", (req, res) => {
      const kind = callKind(req.method ?? "GET", req.url ?? "/");
      proxy.calls.push(kind);
      const fault = proxy.faultFor(kind);
      if (fault) proxy.injected.push(`${fault.fault} ${kind}`);
      const forward = (onAnswer: (up: http.IncomingMessage) => void) => {
        const headers = { ...req.headers };
        delete headers.connection;
        const upstream = http.request({ socketPath: ENGINE_SOCKET, method: req.method, path: req.url, headers, agent }, onAnswer);
        upstream.on("error", () => res.destroy());
        req.pipe(upstream);
      };
      const pass = (up: http.IncomingMessage) => {
        const out = { ...up.headers };
        delete out.connection;
        res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
        up.pipe(res);
      };
      switch (fault?.fault) {
        case undefined:
          return forward(pass);
        case "fail":
          req.resume();
          res.writeHead(500, { "content-type": "application/json" });
          return res.end(JSON.stringify({ message: `injected fault: ${kind} failed` }));
        case "drop":
          req.resume();
          return req.socket.destroy();
        case "hang":
          req.resume();
          return;
        case "delay":
          return void setTimeout(() => forward(pass), fault.delayMs ?? 1000);
        case "lose-answer":
          return forward((up) => {
            up.resume();
            up.on("end", () => req.socket.destroy());
          });
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
    return proxy;
  }

  private faultFor(kind: string): FaultRule | undefined {
    const rule = this.rule;
    if (rule && this.tripped) return rule;
    if (!rule || (rule.kind !== "*" && rule.kind !== kind)) return undefined;
    this.seen += 1;
    const nth = rule.nth ?? 1;
    if (rule.after) {
      this.tripped = this.seen === nth;
      return undefined;
    }
    return this.seen === nth || (rule.every && this.seen > nth) ? rule : undefined;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
