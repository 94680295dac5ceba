// A job that prints a secret input and exits with the configured code.
import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";

const config = new pulumi.Config();
const job = new Container("job", {
  image: config.require("image"),
  state: "exited",
  env: { API_TOKEN: config.requireSecret("token") },
  command: ["sh", "-c", `echo "token is $API_TOKEN"; exit ${config.getNumber("exitCode") ?? 0}`],
  labels: { "com.example.stack": "secret-job", ...config.getObject<Record<string, string>>("labels") },
});
export const logs = job.logs;
