import * as pulumi from "@pulumi/pulumi";
import { Container, ContainerCommit } from "dockwright";

const config = new pulumi.Config();
const idle = "trap 'exit 0' TERM INT; sleep 2147483647 & wait";

// The container to prepare: configure it by hand (docker exec, docker cp), then snapshot it.
const labels = { "com.example.stack": "snapshot", ...config.getObject<Record<string, string>>("labels") };
const workbench = new Container("workbench", {
  image: config.get("image") ?? "busybox:1.36",
  command: ["sh", "-c", idle],
  labels,
});

// `pulumi config set snapshot true` once the workbench is ready.
if (config.getBoolean("snapshot")) {
  const snapshot = new ContainerCommit("snapshot", {
    container: workbench.id,
    repository: config.get("repository") ?? "example/site",
    tag: "v1",
    message: config.get("message") ?? "prepared by hand",
    changes: [`CMD ["sh", "-c", "httpd -f -p 8080 -h /srv/site & ${idle}"]`, "ENV SITE_ROOT=/srv/site", "EXPOSE 8080", "LABEL com.example.role=site"],
    // Bump to take a new snapshot after changing the workbench again.
    triggers: [config.get("revision") ?? "1"],
  });

  const site = new Container("site", { image: snapshot.imageId, ports: [`127.0.0.1:${config.getNumber("port") ?? 8081}:8080`], labels });

  exports.imageId = snapshot.imageId;
  exports.changedPaths = snapshot.diskChanges.firstPaths;
  exports.url = site.ports.apply((ports) => `http://127.0.0.1:${ports[0]?.host}`);
}
