// Messages for `pulumi preview` and `pulumi up` output, through the Pulumi engine's Log RPC. Dynamic providers
// cannot send detailed diffs, so this is how a preview says what will change and how. The engine passes its
// address as the provider host's last argument; when nothing answers there (tests without an engine), it stays
// silent.
import { dirname } from "path";

type Severity = "info" | "warning";

let client: any | null | undefined;

function engineAddress(): string | undefined {
  const last = process.argv[process.argv.length - 1];
  return last && /^[\w.[\]:-]+:\d+$/.test(last) ? last : undefined;
}

function pulumiEngineClient(): any | null {
  if (client !== undefined) return client;
  const address = engineAddress();
  if (!address) return (client = null);
  try {
    // The engine's gRPC stubs and the grpc-js copy they were generated against, both from @pulumi/pulumi.
    const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
    const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb");
    client = new EngineClient(address, grpc.credentials.createInsecure());
  } catch {
    client = null;
  }
  return client;
}

export async function logToEngine(message: string, severity: Severity = "info"): Promise<void> {
  const engine = pulumiEngineClient();
  if (!engine) return;
  const { LogRequest, LogSeverity } = require("@pulumi/pulumi/proto/engine_pb");
  const request = new LogRequest();
  request.setSeverity(severity === "warning" ? LogSeverity.WARNING : LogSeverity.INFO);
  request.setMessage(message);
  await new Promise<void>((resolve) =>
    engine.log(request, { deadline: Date.now() + 2000 }, (err: Error | null) => {
      // Unreachable engine: stop trying for the rest of this process.
      if (err) client = null;
      resolve();
    }),
  );
}
