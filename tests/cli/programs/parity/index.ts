// One program run under both the real CLI and the stand-in engine (tests/support/stack.ts), to compare the steps
// and the order of engine calls: a (autonamed: replaced create-before-delete), b (needs a's name: unknown at
// preview when a is replaced) and c (independent). b and c take two seconds to stop, so whether their deletes
// overlap shows whether the engine deletes concurrently.
import * as pulumi from "@pulumi/pulumi";
import { Container, type SizeInput } from "dockwright";

const config = new pulumi.Config();
const image = config.require("image");
const labels = { "com.example.stack": "parity", ...config.getObject<Record<string, string>>("labels") };
// PID 1 without a TERM handler ignores SIGTERM: a stop waits stopTimeout, then kills.
const slowToStop = { command: ["sleep", "2147483647"], stopTimeout: 2 };

const a = new Container("a", {
  image,
  command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"],
  memory: (config.get("memory") ?? "32m") as SizeInput,
  env: { GENERATION: config.get("generation") ?? "1" },
  labels,
});
new Container("b", { image, ...slowToStop, env: { PEER: a.name }, labels });
new Container("c", { image, ...slowToStop, labels });
