import * as pulumi from "@pulumi/pulumi";
import { Container, Volume } from "dockwright";

// A named volume holds the data; the container that writes it can be replaced (here: a new `revision`) and the
// new container finds everything the old one wrote.
const config = new pulumi.Config();
const labels = { "com.example.stack": "data", ...config.getObject<Record<string, string>>("labels") };

// retainOnDelete: true would keep the volume (and its data) on the engine when Pulumi deletes this resource.
const data = new Volume("data", { labels }, { retainOnDelete: config.getBoolean("retain") ?? false });

const app = new Container("app", {
  image: config.get("image") ?? "busybox:1.36",
  // Every start appends a line: the file shows which revisions have run against this volume.
  command: ["sh", "-c", "echo \"started revision $REVISION\" >> /data/history; trap 'exit 0' TERM; sleep 2147483647 & wait"],
  env: { REVISION: config.get("revision") ?? "1" },
  volumes: [pulumi.interpolate`${data.name}:/data`],
  labels,
});

export const volumeName = data.name;
export const mountpoint = data.mountpoint;
export const containerName = app.name;
