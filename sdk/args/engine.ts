import * as pulumi from "@pulumi/pulumi";

/** TLS for a `tcp://` engine (as `docker --tlsverify --tlscacert ... --tlscert ... --tlskey ...`), all PEM text. */
export interface EngineTlsArgs {
  /** CA certificate(s) the engine's certificate must chain to (the contents of ca.pem). Default: the system's CAs. */
  ca?: pulumi.Input<string>;
  /** Client certificate (cert.pem); engines started with --tlsverify require one. Needs `key`. */
  cert?: pulumi.Input<string>;
  /** The client certificate's private key (key.pem). Always stored as a secret; never shown in messages. */
  key?: pulumi.Input<string>;
  /** Verify the engine's certificate and host name (default true). `false` is `docker --tls` without verification. */
  verify?: pulumi.Input<boolean>;
}

/** Which Docker engine the resource lives on. */
export interface EngineArgs {
  /**
   * The engine: `unix:///var/run/docker.sock`, `tcp://host:2376` (with `tls`; port default 2376 with TLS, 2375
   * without) or `ssh://user@host[:port]` (keys from the ssh agent, SSH_AUTH_SOCK; the remote needs the docker CLI).
   * Default: DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), else the stack config `dockwright:host`
   * (with `dockwright:tls`), else the local socket. Change: replace (created on the new engine, the old one removed
   * from the old engine).
   */
  host?: pulumi.Input<string>;
  /** TLS material for a `tcp://` host. Stored as a secret. Change: no change to the container (e.g. rotated certificates). */
  tls?: pulumi.Input<EngineTlsArgs>;
  /**
   * How long each Engine API call may take before up fails naming the call, the engine and the time waited:
   * `lookup` (inspect, list; default 30 s), `change` (create, start, stop after its grace period, update, rename,
   * network connect, remove; default 2 m), `transfer` (pull, commit, file uploads; default 30 m). Seconds or a
   * duration such as `"90s"`. Default: the stack config `dockwright:engineTimeouts`, else those defaults.
   * Readiness (`waitForHealthy`) and jobs have their own limits. Change: no change to the container.
   */
  engineTimeouts?: pulumi.Input<EngineTimeoutsArgs>;
}

/** Deadlines per kind of Engine API call: seconds, or a duration such as `"2m"`. */
export interface EngineTimeoutsArgs {
  /** Inspect and list calls (the first call to an engine is one). Default 30 s. */
  lookup?: pulumi.Input<number | string>;
  /** Create, start, update, rename, network connect and remove; a stop gets this plus its grace period. Default 2 min. */
  change?: pulumi.Input<number | string>;
  /** Pulls, commits and file uploads, each as a whole. Default 30 min. */
  transfer?: pulumi.Input<number | string>;
}

/** The engine args as the resource sends them: `tls` always as a secret, so the key never lands in state in plain text. */
export function engineInputs(args: EngineArgs): { host?: pulumi.Input<string>; tls?: pulumi.Input<EngineTlsArgs> } {
  return { host: args.host, tls: args.tls === undefined ? undefined : pulumi.secret(args.tls) };
}
