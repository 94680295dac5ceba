import type * as pulumi from "@pulumi/pulumi";

/**
 * A duration: `"30s"`, `"1m30s"`, `"500ms"`, `"1.5s"` (units h, m, s, ms, us, ns, as Docker writes them), or a whole
 * number of nanoseconds (as the Engine API and docker-py take them).
 */
export type DurationInput = string | number;

/** The container's healthcheck. Fields left out keep the image's HEALTHCHECK values, else the engine's defaults. */
export interface HealthcheckInput {
  /**
   * What to run: `["CMD", "curl", "-f", "http://localhost/"]` (exec form), `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`
   * or a string (one shell command, as `HEALTHCHECK CMD ...` in a Dockerfile). `"NONE"` or `["NONE"]` disables it.
   * Exit 0 is healthy, anything else a failure. Default: the image's test (required when the image has no HEALTHCHECK).
   */
  test?: pulumi.Input<string | pulumi.Input<string>[]>;
  /** Time between checks, at least 1ms. Default: the image's, else 30s. */
  interval?: pulumi.Input<DurationInput>;
  /** How long one check may run before it counts as failed, at least 1ms. Default: the image's, else 30s. */
  timeout?: pulumi.Input<DurationInput>;
  /** Consecutive failures before the container is unhealthy, at least 1. Default: the image's, else 3. */
  retries?: pulumi.Input<number>;
  /** Time after start during which failures do not count, at least 1ms. Default: the image's, else none. */
  startPeriod?: pulumi.Input<DurationInput>;
  /**
   * Time between checks during the start period. Needs Docker Engine 25 (API 1.44) or newer: older engines drop it,
   * and create then fails saying the engine did not keep `healthcheck`.
   */
  startInterval?: pulumi.Input<DurationInput>;
}

/** Healthcheck, logging and platform. The engine fixes all of them at create: a change replaces the container. */
export interface HealthLogArgs {
  /**
   * The healthcheck, or `false` to disable the image's HEALTHCHECK. Default: the image's HEALTHCHECK (not drift).
   * Its status is the `health` output. Declaring a value equal to what the container runs (the image's merged with
   * the engine's defaults) is no change. Change: replace.
   */
  healthcheck?: pulumi.Input<false | HealthcheckInput>;
  /**
   * Logging driver: `"json-file"`, `"local"`, `"none"`, `"syslog"`, `"journald"`, ... or a logging plugin. Default: the
   * daemon's (`log-driver` in daemon.json, json-file unless configured). The daemon's default is not known to
   * dockwright, so when this is not declared the driver is not compared, and removing the declaration is no change.
   * An unknown driver is looked up as a plugin: the engine refuses it only after about 15 s. Change: replace.
   */
  logDriver?: pulumi.Input<string>;
  /**
   * Logging driver options, e.g. `{"max-size": "10m", "max-file": "3"}` or `["max-size=10m"]` (values become strings).
   * The engine refuses unknown option names at create; json-file's and local's `max-size`, `max-file` and `compress`
   * values are checked at preview. Only the declared options are compared (the daemon may add its own `log-opts`),
   * so dropping one option alone is no change. Change: replace.
   */
  logOptions?: pulumi.Input<Record<string, pulumi.Input<string | number | boolean>> | pulumi.Input<string>[]>;
  /**
   * `"os/architecture[/variant]"`, e.g. `"linux/amd64"` or `"linux/arm64/v8"` (aliases such as x86_64 and aarch64
   * accepted). The container runs its image's platform, so this asserts which one that is: an image on the engine
   * for another platform is an error at preview (the engine does not pull one). Not declared: the image decides, and
   * removing it is no change. Change: replace.
   */
  platform?: pulumi.Input<string>;
}
