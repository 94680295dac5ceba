// A small HTTP server replaced by an env change (`generation`), for measuring and testing how a replacement
// keeps it answering: a fixed host port or a random one (`port`), a fixed name or none, an update order, and a
// healthcheck that can be made to fail (`healthTest`) to prove the rollback.
import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";

const config = new pulumi.Config();
const labels = { "com.example.stack": "swap", ...config.getObject<Record<string, string>>("labels") };
const updateOrder = config.get("updateOrder") as "stop-first" | "start-first" | undefined;

const web = new Container(
  "web",
  {
    image: config.require("image"),
    name: config.get("name"),
    // "127.0.0.1:<port>:80" (fixed) or "127.0.0.1::80" (any free port).
    ports: [config.require("port")],
    command: ["sh", "-c", "mkdir -p /www && echo \"$GENERATION\" > /www/index.html && exec httpd -f -p 80 -h /www"],
    // httpd as PID 1 would ignore SIGTERM: an init process forwards it, so stops are immediate.
    init: true,
    env: { GENERATION: config.get("generation") ?? "1" },
    healthcheck: { test: config.get("healthTest") ?? "wget -qO- http://127.0.0.1/ >/dev/null", interval: "250ms", timeout: "2s", retries: config.getNumber("healthRetries") ?? 3 },
    waitForHealthy: { timeout: "30s" },
    labels,
    ...(updateOrder ? { updateOrder } : {}),
  },
  // Only when asked: an explicit false would override the provider's own choice.
  { deleteBeforeReplace: config.getBoolean("deleteFirst") || undefined },
);

export const port = web.ports.apply((p) => p[0].host);
export const name = web.name;
export const id = web.id;
