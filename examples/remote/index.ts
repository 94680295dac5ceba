import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";

const config = new pulumi.Config();

// The engine: `tcp://` with TLS (dockerd --tlsverify). The key is read as a secret and stays one in the state.
const engine = {
  host: config.require("host"),
  tls: pulumi.secret({
    ca: config.require("tlsCa"),
    cert: config.require("tlsCert"),
    key: config.requireSecret("tlsKey"),
  }),
};

const web = new Container("web", {
  image: config.get("image") ?? "nginx:1.27-alpine",
  // "8080", or "127.0.0.1:8080" to publish on the engine host's loopback only.
  ports: [`${config.get("publish") ?? "8080"}:80`],
  labels: { "com.example.stack": "remote", ...config.getObject<Record<string, string>>("labels") },
  ...engine,
});

export const name = web.name;
export const engineHost = engine.host;
export const ports = web.ports;
