import * as pulumi from "@pulumi/pulumi";
import { Container, type SizeInput } from "dockwright";

// A web server published on 127.0.0.1. Raise its limits with `pulumi config set memory 256m` and
// `pulumi config set cpus 1`: `pulumi preview` shows an in-place update, and `pulumi up` applies it without a restart.
const config = new pulumi.Config();

const web = new Container("web", {
  image: config.get("image") ?? "nginx:1.27",
  ports: [`127.0.0.1:${config.getNumber("port") ?? 8080}:80`],
  // Config values are plain strings: SizeInput says this one is a size such as "256m" (checked at preview).
  memory: (config.get("memory") ?? "128m") as SizeInput,
  cpus: config.getNumber("cpus") ?? 0.5,
  // `pulumi config set --path env.GREETING hello` adds a variable: a new process environment replaces the container.
  env: { NGINX_ENTRYPOINT_QUIET_LOGS: "1", ...config.getObject<Record<string, string>>("env") },
  labels: { "com.example.stack": "quickstart", ...config.getObject<Record<string, string>>("labels") },
});

export const containerName = web.name;
export const url = web.ports.apply((ports) => `http://127.0.0.1:${ports[0]?.host}`);
