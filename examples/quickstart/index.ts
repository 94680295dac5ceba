import { Container } from "dockwright";

// A web server published on 127.0.0.1:8080. Change a line and run `pulumi preview` to see what would change.
const web = new Container("web", {
  image: "nginx:1.27",
  ports: ["127.0.0.1:8080:80"],
  env: { NGINX_ENTRYPOINT_QUIET_LOGS: "1" },
  labels: { "com.example.stack": "quickstart" },
});

export const containerName = web.name;
export const url = web.ports.apply((ports) => `http://127.0.0.1:${ports[0]?.host}`);
