// Pulling images and asking a registry where a tag points, through the engine (so the engine's own registry
// settings, mirrors and insecure-registry list apply). Progress goes to the Pulumi engine log, a few lines per
// pull; credentials never appear in any message.
import { logToEngine } from "../engine-log";
import type { DockerClient } from "./client";
import { engineMessage, statusOf } from "./errors";
import { scrub, type ResolvedAuth } from "./registry-auth";
import { pullQuery, type ImageReference } from "./registry-reference";

/** At most one progress line this often (the engine sends one event per layer chunk). */
const PROGRESS_INTERVAL_MS = 5000;

interface PullEvent {
  id?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/**
 * Why a pull or registry query failed, and what to do about it; never holds a secret.
 * `what`: the failed step, e.g. `cannot pull "repo:tag"`.
 */
export function registryFailure(label: string, what: string, image: ImageReference, auth: ResolvedAuth, err: unknown): Error {
  const reason = scrub(engineMessage(err), auth.secrets);
  const text = reason.toLowerCase();
  const where = `The registry ${image.registry}`;
  const helper = auth.helper
    ? `. A credential helper, ${auth.helper}, is configured, but dockwright does not run credential helpers: put the auth in the config file's "auths" or set registryAuth`
    : "";
  let hint: string;
  if (/repository does not exist/.test(text) && !auth.authconfig) {
    // Docker Hub answers the same for a repository that does not exist and for a private one.
    hint =
      `${where} has no such repository, or it is private: check the reference; for a private one set registryAuth ` +
      `{ username, password } (the password as a secret) or run docker login${helper}`;
  } else if (statusOf(err) === 404 || /manifest unknown|not found|name unknown/.test(text)) {
    hint = `${where} has no such repository or tag: check the reference, or push the image there first`;
  } else if (/no basic auth credentials|unauthorized|authentication required|denied|401|403/.test(text)) {
    hint = auth.authconfig
      ? `${where} refused the credentials from ${auth.source}: check the username and password (or run docker login ${image.registry} again)`
      : `${where} requires credentials and none were found: set registryAuth { username, password } (the password as a secret), ` +
        `or run docker login ${image.registry}${helper}`;
  } else if (/connection refused|no such host|dial tcp|i\/o timeout|timeout|network is unreachable|server gave http response|tls/.test(text)) {
    hint = `${where} cannot be reached from the Docker engine: check that it runs and the address and port are right`;
  } else {
    hint = `Check the reference and the registry ${image.registry}`;
  }
  return new Error(`${label}: ${what}: ${reason}. ${hint}.`);
}

/** The digest the reference points to in its registry now (the engine's distribution inspect; nothing is pulled). */
export async function remoteDigest(client: DockerClient, image: ImageReference, auth: ResolvedAuth): Promise<string> {
  const info = (await client.docker.getImage(image.ref).distribution({ authconfig: auth.authconfig })) as { Descriptor?: { digest?: string } };
  const digest = info.Descriptor?.digest;
  if (!digest) throw new Error(`the engine's distribution inspect of "${image.ref}" returned no digest`);
  return digest;
}

/** Pulls `image`; resolves when the engine has it, rejects with the engine's reason. */
export async function pullImage(
  client: DockerClient,
  image: ImageReference,
  auth: ResolvedAuth,
  options: { label: string; platform?: string },
): Promise<void> {
  const query = { ...pullQuery(image), ...(options.platform ? { platform: options.platform } : {}) };
  await logToEngine(`${options.label}: pulling ${image.ref}${auth.source ? ` with the credentials from ${auth.source}` : ""}`);
  const started = Date.now();
  const stream = (await client.docker.createImage(auth.authconfig as any, query)) as NodeJS.ReadableStream;
  const layers = new Map<string, string>();
  let lastReport = started;
  let pending: Promise<void> = Promise.resolve();
  const events: PullEvent[] = await new Promise((resolve, reject) =>
    client.docker.modem.followProgress(
      stream,
      (err: Error | null, all: PullEvent[]) => (err ? reject(err) : resolve(all ?? [])),
      (event: PullEvent) => {
        if (event.id && event.status && event.id !== (image.tag ?? image.digest)) layers.set(event.id, event.status);
        const now = Date.now();
        if (now - lastReport < PROGRESS_INTERVAL_MS || !layers.size) return;
        lastReport = now;
        const done = [...layers.values()].filter((s) => /^(pull complete|already exists)$/i.test(s)).length;
        pending = pending.then(() => logToEngine(`${options.label}: pulling ${image.ref}: ${done} of ${layers.size} layers done`));
      },
    ),
  );
  await pending;
  const failed = events.find((e) => e.error || e.errorDetail);
  if (failed) throw new Error(failed.errorDetail?.message ?? failed.error);
  const digest = events.map((e) => /^Digest: (\S+)/.exec(e.status ?? "")?.[1]).find(Boolean);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  await logToEngine(`${options.label}: pulled ${image.ref}${digest ? ` (${digest})` : ""} in ${seconds} s`);
}
