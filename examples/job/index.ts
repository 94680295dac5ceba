import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";

// A schema migration run once to completion (state "exited"): `pulumi up` waits for it to exit and fails unless it
// exits 0, quoting its last log lines. The app starts only after it succeeded, and `up` returns once the app is
// healthy. A finished migration is "same" on the next up; `pulumi config set schemaVersion 2` changes the uploaded
// script, which replaces the job: it runs again, then the app is replaced with the new version.
const config = new pulumi.Config();
const image = config.get("image") ?? "busybox:1.36";
const schemaVersion = config.get("schemaVersion") ?? "1";
const labels = { "com.example.stack": "job", ...config.getObject<Record<string, string>>("labels") };

const migrate = new Container("migrate", {
  image,
  state: "exited",
  uploads: [
    {
      path: "/migrations/migrate.sh",
      mode: "0755",
      content: [
        "#!/bin/sh",
        "set -e",
        `echo "migrating schema to version ${schemaVersion}"`,
        // `pulumi config set failWith 3` makes the migration fail, to see how up reports it.
        `exit ${config.getNumber("failWith") ?? 0}`,
        "",
      ].join("\n"),
    },
  ],
  command: ["/migrations/migrate.sh"],
  logLines: 20,
  labels,
});

const app = new Container(
  "app",
  {
    image,
    env: { SCHEMA_VERSION: schemaVersion },
    command: ["sh", "-c", "touch /tmp/ready; trap 'exit 0' TERM; sleep 2147483647 & wait"],
    healthcheck: { test: "test -f /tmp/ready", interval: "1s", retries: 3 },
    waitForHealthy: { timeout: "30s" },
    labels,
  },
  { dependsOn: migrate },
);

export const migrationExitCode = migrate.exitCode;
export const migrationLogs = migrate.logs;
export const appHealth = app.health;
