// Pulumi's own cost per resource: a dynamic resource that does no work (no engine, no validation), with the same
// inputs and outputs as a Container, run through the same host and test engine. What a phase costs "ours" minus
// what it costs this resource and minus the floor (the engine's own work) is what dockwright adds.
import * as pulumi from "@pulumi/pulumi";

// Self-contained functions only: the SDK serializes this object into every resource's state, as it does the shim.
// Outputs have the shape and size of a running Container's (sdk/container.ts), so the SDK and the host move as much.
const nullProvider: pulumi.dynamic.ResourceProvider = {
  check: (_olds: Record<string, unknown>, news: Record<string, unknown>) => Promise.resolve({ inputs: news }),
  diff: (_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
    Promise.resolve({ changes: Object.keys(news).some((k) => JSON.stringify(news[k]) !== JSON.stringify(olds[k])) }),
  create: (inputs: Record<string, unknown>) => Promise.resolve({ id: `null-${String(inputs.name)}`, outs: nullOutputs(inputs) }),
  update: (_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) => Promise.resolve({ outs: nullOutputs(news) }),
  delete: () => Promise.resolve(),
};

function nullOutputs(inputs: Record<string, unknown>): Record<string, unknown> {
  const network = { ipAddress: "172.17.0.2", gateway: "172.17.0.1", macAddress: "02:42:ac:11:00:02", aliases: [] };
  return {
    ...inputs,
    imageId: `sha256:${"0".repeat(64)}`,
    status: "running",
    exitCode: 0,
    startedAt: "2026-01-01T00:00:00.000000000Z",
    restartCount: 0,
    health: "none",
    ipAddress: network.ipAddress,
    networks: { bridge: network },
    ports: [],
  };
}

/** The output names a Container declares beside its inputs (sdk/container.ts), so the SDK does the same work. */
const OUTPUT_NAMES = ["imageId", "status", "exitCode", "logs", "startedAt", "restartCount", "health", "ipAddress"];

export class NullResource extends pulumi.dynamic.Resource {
  constructor(name: string, args: object) {
    super(nullProvider, name, { ...args, __resourceName: name, ...Object.fromEntries(OUTPUT_NAMES.map((k) => [k, undefined])) }, {}, "bench", "Null");
  }
}
