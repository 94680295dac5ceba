import * as pulumi from "@pulumi/pulumi";
import { Container, Network } from "dockwright";

// Two containers on a user network that the program declares itself. The client reaches the API by its alias.
// Renaming the API or changing its aliases is done in place; changing the network replaces it, and both
// containers move to the new network in place before the old one is removed.
const config = new pulumi.Config();
const image = config.get("image") ?? "busybox:1.36";
const labels = { "com.example.stack": "networks", ...config.getObject<Record<string, string>>("labels") };

const net = new Network("app-net", {
  labels: { ...labels, "com.example.tier": config.get("tier") ?? "app" },
  ...(config.get("subnet") ? { ipam: { config: [{ subnet: config.require("subnet") }] } } : {}),
});

const api = new Container("api", {
  image,
  name: config.get("apiName") ?? "api",
  command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"],
  // httpd as PID 1 would ignore SIGTERM: an init process forwards it, so stops are immediate.
  init: true,
  networks: [{ name: net.name, aliases: config.getObject<string[]>("aliases") ?? ["api"] }],
  labels,
});

const client = new Container("client", {
  image,
  command: ["sh", "-c", "trap 'exit 0' TERM; while true; do wget -qO- http://api:8080/ >/dev/null 2>&1; sleep 5 & wait; done"],
  networks: [net.name],
  labels,
});

export const networkName = net.name;
export const subnets = net.subnets;
export const apiName = api.name;
export const apiAddress = pulumi.all([api.networks, net.name]).apply(([networks, name]) => networks[name]?.ipAddress);
export const clientName = client.name;
