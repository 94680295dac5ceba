// A stand-in for the Pulumi engine's Log service, so tests can read what providers print into preview/up output.
import * as grpc from "@grpc/grpc-js";
const { EngineService } = require("@pulumi/pulumi/proto/engine_grpc_pb");
const { LogSeverity } = require("@pulumi/pulumi/proto/engine_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

export interface LogEntry {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}

const SEVERITY: Record<number, LogEntry["severity"]> = {
  [LogSeverity.DEBUG]: "debug",
  [LogSeverity.INFO]: "info",
  [LogSeverity.WARNING]: "warning",
  [LogSeverity.ERROR]: "error",
};

export class EngineLogServer {
  readonly entries: LogEntry[] = [];

  private constructor(
    private readonly server: grpc.Server,
    readonly address: string,
  ) {}

  static async start(): Promise<EngineLogServer> {
    const server = new grpc.Server();
    let self: EngineLogServer | undefined;
    const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: "not part of the test engine" });
    const handlers: Record<string, unknown> = {};
    for (const method of Object.keys(EngineService)) handlers[method] = unimplemented;
    handlers.log = (call: any, callback: grpc.sendUnaryData<unknown>) => {
      const r = call.request;
      self?.entries.push({ severity: SEVERITY[r.getSeverity()], message: r.getMessage(), urn: r.getUrn() });
      callback(null, new Empty());
    };
    server.addService(EngineService, handlers as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    self = new EngineLogServer(server, `127.0.0.1:${port}`);
    return self;
  }

  /** Messages logged since the last call. */
  take(): LogEntry[] {
    return this.entries.splice(0, this.entries.length);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
