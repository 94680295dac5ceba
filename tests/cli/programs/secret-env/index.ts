// A container given a secret environment value: the value reaches the container and nothing else.
import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";

const config = new pulumi.Config();
const app = new Container("app", {
  image: config.require("image"),
  env: { API_TOKEN: config.requireSecret("token"), MODE: config.get("mode") ?? "a" },
  labels: { "com.example.stack": "secret-env", ...config.getObject<Record<string, string>>("labels") },
});
export const env = app.id.apply(() => "see the container");
