import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";

// Two containers on the user network `app-net` (create it once: `docker network create app-net`). The client
// reaches the API by its alias. Renaming the API or changing its networks and aliases is done in place.
const config = new pulumi.Config();
const image = config.get("image") ?? "busybox:1.36";
const network = config.get("network") ?? "app-net";
const labels = { "com.example.stack": "networks", ...config.getObject<Record<string, string>>("labels") };

const api = new Container("api", {
  image,
  name: config.get("apiName") ?? "api",
  command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"],
  // httpd as PID 1 would ignore SIGTERM: an init process forwards it, so stops are immediate.
  init: true,
  networks: [{ name: network, aliases: config.getObject<string[]>("aliases") ?? ["api"] }],
  labels,
});

const client = new Container("client", {
  image,
  command: ["sh", "-c", "trap 'exit 0' TERM; while true; do wget -qO- http://api:8080/ >/dev/null 2>&1; sleep 5 & wait; done"],
  networks: [network],
  labels,
});

export const apiName = api.name;
export const apiAddress = api.networks.apply((n) => n[network]?.ipAddress);
export const clientName = client.name;
