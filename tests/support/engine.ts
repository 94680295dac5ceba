// The real Docker engine the integration and e2e suites run against, and the label that marks what they create.
import Docker from "dockerode";

export const TEST_LABEL = "dockwright-test";
export const IMAGE_PREFIX = "dockwright-test";

export const docker = new Docker();

/** Labels every test object carries, so the run can remove all of it afterwards, also after failures. */
export function testLabels(): Record<string, string> {
  return { [TEST_LABEL]: process.env.DOCKWRIGHT_TEST_RUN ?? "local" };
}

/** Fails loudly when no engine answers: these suites never skip themselves into a green run. */
export async function requireEngine(): Promise<void> {
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(
      `No Docker engine answers on /var/run/docker.sock (${(err as Error).message}). ` +
        `The integration and e2e suites need a real engine: start one with \`npm run engine:start\`.`,
    );
  }
}

/**
 * Removes the containers, networks and volumes carrying the test label (`scope: "run"`: only this run's, so runs
 * can share an engine), and with `images` the test images too.
 */
export async function removeTestObjects(options: { images: boolean; scope: "run" | "all" }): Promise<void> {
  const label = options.scope === "run" ? `${TEST_LABEL}=${testLabels()[TEST_LABEL]}` : TEST_LABEL;
  const filters = JSON.stringify({ label: [label] });
  for (const info of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => undefined);
  }
  for (const net of await docker.listNetworks({ filters })) {
    await docker.getNetwork(net.Id).remove().catch(() => undefined);
  }
  const volumes = await docker.listVolumes({ filters });
  for (const vol of volumes.Volumes ?? []) await docker.getVolume(vol.Name).remove().catch(() => undefined);
  if (options.images) {
    for (const img of await docker.listImages({ all: true, filters: JSON.stringify({ label: [TEST_LABEL] }) })) {
      await docker.getImage(img.Id).remove({ force: true }).catch(() => undefined);
    }
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
