// Containers created one after another (each depends on the one before), each ready about a second after it
// starts: a deployment long enough to interrupt, with a dependency order to delete by.
import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";

const config = new pulumi.Config();
const labels = { "com.example.stack": "chain", ...config.getObject<Record<string, string>>("labels") };
let previous: Container | undefined;
for (let i = 0; i < (config.getNumber("count") ?? 4); i++) {
  previous = new Container(
    `c${i}`,
    {
      image: config.require("image"),
      command: ["sh", "-c", "sleep 1; touch /tmp/ready; trap 'exit 0' TERM; sleep 2147483647 & wait"],
      healthcheck: { test: "test -f /tmp/ready", interval: "1s", retries: 10 },
      waitForHealthy: { timeout: "60s" },
      env: { GENERATION: config.get("generation") ?? "1" },
      labels,
    },
    { dependsOn: previous ? [previous] : [] },
  );
}
