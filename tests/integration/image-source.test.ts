// Pull policy and registry credentials against real registries on 127.0.0.1 (Debian's docker-registry), one open
// and one behind an htpasswd password: what gets pulled when, what preview sees, and the errors when a pull fails.
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { docker, IMAGE_PREFIX } from "../support/engine";
import { BASE_IMAGE, buildImage } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";
import { removeImage, startRegistry, type Registry } from "../support/registry";

let open: Registry;
let locked: Registry;
/** Images this file tags or builds, removed at the end (a shared engine keeps test images otherwise). */
const made: string[] = [];

beforeAll(async () => {
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ password: true })]);
});

afterAll(async () => {
  await Promise.all([open?.stop(), locked?.stop()]);
  for (const ref of made) await removeImage(ref);
});

/** Pushes `source` to `registry` as `repo` and removes the pushed tag locally, so using it means pulling it. */
async function publish(registry: Registry, source: string, repo: string): Promise<{ ref: string; digest: string }> {
  const ref = `${registry.host}/${repo}`;
  made.push(ref);
  const digest = await registry.push(source, repo);
  await removeImage(ref);
  return { ref, digest };
}

/** A new image (its own id and digest) built from the base image. */
async function uniqueImage(name: string): Promise<string> {
  const tag = `${IMAGE_PREFIX}/pull-${name}:${Date.now().toString(36)}`;
  // Removed by id at the end: a tag alone would leave the image behind under its registry digests.
  made.push(tag, await buildImage(tag, `FROM ${BASE_IMAGE}\nLABEL org.example.build="${tag}"`));
  return tag;
}

const localId = (ref: string) => docker.getImage(ref).inspect().then((i) => i.Id, () => undefined);

async function createFails(inputs: Record<string, unknown>): Promise<string> {
  const err = await provider.create(await checkedInputs(inputs)).then(() => undefined, (e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  return (err as Error).message;
}

test('default pull "missing": a missing tag is pulled; a present one is not pulled again', async () => {
  const { ref } = await publish(open, BASE_IMAGE, "dockwright-test/missing:1");
  const inputs = await checkedInputs({ image: ref, state: "stopped" });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.Image).toBe(await localId(ref));
  expect(info.Config.Image).toBe(ref);
  expect(await provider.diff(id, outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
  await provider.delete(id, outs);

  // A declared platform is the platform pulled.
  await removeImage(ref);
  const amd64 = await provider.create(await checkedInputs({ image: ref, platform: "linux/amd64", state: "stopped" }));
  expect((await docker.getContainer(amd64.id).inspect()).Image).toBe(await localId(ref));
  await provider.delete(amd64.id, amd64.outs);

  // The engine has it now: with the registry unreachable, create still works, so nothing was pulled.
  const gone = await startRegistry();
  const { ref: offline } = await publish(gone, BASE_IMAGE, "dockwright-test/offline:1");
  await docker.pull(offline).then((s) => new Promise((r) => docker.modem.followProgress(s, r)));
  await gone.stop();
  const again = await provider.create(await checkedInputs({ image: offline, state: "stopped" }));
  await provider.delete(again.id, again.outs);
});

test('pull "never": a missing image is a clear error naming the container and the reference; a present one is used', async () => {
  const { ref } = await publish(open, BASE_IMAGE, "dockwright-test/never:1");
  const message = await createFails({ image: ref, pull: "never", name: "pull-never-it" });
  expect(message).toBe(
    `container "pull-never-it": image "${ref}" is not on the Docker engine at unix:///var/run/docker.sock, and pull is "never". ` +
      `Pull or build it first (docker pull ${ref}), or set pull: "missing" to let dockwright pull it.`,
  );
  expect(await localId(ref)).toBeUndefined();
  const { id, outs } = await provider.create(await checkedInputs({ image: BASE_IMAGE, pull: "never", state: "stopped" }));
  expect((await docker.getContainer(id).inspect()).Image).toBe(await localId(BASE_IMAGE));
  await provider.delete(id, outs);
});

test("an image id is never pulled: a missing one says so", async () => {
  const missing = `sha256:${"0123456789abcdef".repeat(4)}`;
  const message = await createFails({ image: missing, pull: "always" });
  expect(message).toMatch(/image id "sha256:0123.*" is not on the Docker engine .* and an image id cannot be pulled\. Use a repository reference/);
  // A present id (full, or a prefix) with pull "always" is used as it is.
  const id = (await localId(BASE_IMAGE))!;
  for (const image of [id, id.slice(7, 19)]) {
    const created = await provider.create(await checkedInputs({ image, pull: "always", state: "stopped" }));
    expect((await docker.getContainer(created.id).inspect()).Image).toBe(id);
    await provider.delete(created.id, created.outs);
  }
});

test('a digest reference is pulled when missing, and never again, even with pull "always"', async () => {
  const source = await uniqueImage("digest");
  const registry = await startRegistry();
  try {
    const { ref, digest } = await publish(registry, source, "dockwright-test/digest:1");
    const byDigest = `${ref.replace(/:1$/, "")}@${digest}`;
    made.push(byDigest);
    await removeImage(source);
    expect(await localId(byDigest)).toBeUndefined();
    const inputs = await checkedInputs({ image: byDigest, pull: "always", state: "stopped" });
    const first = await provider.create(inputs);
    const pulledId = await localId(byDigest);
    expect((await docker.getContainer(first.id).inspect()).Image).toBe(pulledId);
    await registry.stop();
    // The registry is gone: preview and create work from the engine's copy.
    expect(await provider.diff(first.id, first.outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
    const second = await provider.create(await nextInputs(inputs, {}));
    expect((await docker.getContainer(second.id).inspect()).Image).toBe(pulledId);
    for (const c of [first, second]) await provider.delete(c.id, c.outs);
  } finally {
    await registry.stop();
  }
});

test('pull "always": preview sees that the tag moved without pulling and plans a replace; up pulls the new image', async () => {
  const v1 = await uniqueImage("always1");
  const v2 = await uniqueImage("always2");
  const { ref, digest: d1 } = await publish(open, v1, "dockwright-test/always:latest");
  const inputs = await checkedInputs({ image: ref, pull: "always", state: "stopped" });
  const first = await provider.create(inputs);
  const id1 = await localId(v1);
  expect((await docker.getContainer(first.id).inspect()).Image).toBe(id1);
  expect(await provider.diff(first.id, first.outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });

  const d2 = await open.push(v2, "dockwright-test/always:latest");
  expect(d2).not.toBe(d1);
  // Pushing re-tagged the local image: put the tag back on v1, as on a machine that never saw v2.
  await docker.getImage(v1).tag({ repo: ref.replace(/:latest$/, ""), tag: "latest" });
  const planned = await provider.diff(first.id, first.outs, await nextInputs(inputs, {}));
  expect(planned).toMatchObject({ changes: true, replaces: ["image"] });
  expect(await localId(ref)).toBe(id1);

  const second = await provider.create(await nextInputs(inputs, {}));
  const id2 = await localId(v2);
  expect(id2).not.toBe(id1);
  expect((await docker.getContainer(second.id).inspect()).Image).toBe(id2);
  expect(await localId(ref)).toBe(id2);
  expect(await provider.diff(second.id, second.outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
  // pull "missing" does not ask the registry: the container on v1 is no change as long as the engine's tag is v1.
  await docker.getImage(v1).tag({ repo: ref.replace(/:latest$/, ""), tag: "latest" });
  const missing = await nextInputs(inputs, { pull: "missing" });
  // (A changed setting is an update that stores it; nothing to replace.)
  expect(await provider.diff(first.id, first.outs, missing)).toMatchObject({ replaces: [] });
  for (const c of [first, second]) await provider.delete(c.id, c.outs);
});

test('pull "always" with an unreachable registry: preview keeps the engine\'s image (warning), up fails clearly', async () => {
  const registry = await startRegistry();
  const { ref } = await publish(registry, BASE_IMAGE, "dockwright-test/unreachable:1");
  const inputs = await checkedInputs({ image: ref, pull: "always", state: "stopped", name: "pull-unreachable-it" });
  const first = await provider.create(inputs);
  await registry.stop();
  expect(await provider.diff(first.id, first.outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
  const err = await provider.create(await nextInputs(inputs, { name: "pull-unreachable-it2" })).then(() => undefined, (e: Error) => e);
  expect(err?.message).toMatch(
    new RegExp(`^container "pull-unreachable-it2": cannot pull "${ref}": .*connection refused\\. The registry ${registry.host} cannot be reached from the Docker engine`),
  );
  await provider.delete(first.id, first.outs);
});

test("a tag or repository the registry does not have: manifest unknown, with what to check", async () => {
  const ref = `${open.host}/dockwright-test/nothing-here:1`;
  const message = await createFails({ image: ref, name: "pull-unknown-it" });
  expect(message).toBe(
    `container "pull-unknown-it": image "${ref}" is not on the Docker engine at unix:///var/run/docker.sock, and pulling it failed: manifest for ${ref} not found: manifest unknown: manifest unknown. ` +
      `The registry ${open.host} has no such repository or tag: check the reference, or push the image there first.`,
  );
});

describe("a registry that requires a password", () => {
  let ref: string;
  beforeAll(async () => {
    ({ ref } = await publish(locked, await uniqueImage("locked"), "dockwright-test/locked:1"));
  });
  afterEach(() => removeImage(ref));

  test("without credentials: how to give them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dockwright-config-"));
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = dir;
    try {
      writeFileSync(join(dir, "config.json"), JSON.stringify({ credsStore: "secretservice" }));
      const message = await createFails({ image: ref, name: "pull-locked-it" });
      expect(message).toMatch(new RegExp(`^container "pull-locked-it": image "${ref}" is not on the Docker engine at .*, and pulling it failed: .*no basic auth credentials\\. `));
      expect(message).toMatch(/requires credentials and none were found: set registryAuth \{ username, password \}/);
      expect(message).toMatch(/docker-credential-secretservice .* is configured, but dockwright does not run credential helpers/);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a wrong password: refused, and the password is in no message", async () => {
    const wrong = `${locked.credentials!.password}-wrong`;
    const message = await createFails({ image: ref, registryAuth: { username: locked.credentials!.username, password: wrong } });
    expect(message).toMatch(/unauthorized: authentication required\. .* refused the credentials from registryAuth: check the username and password/);
    expect(message).not.toContain(wrong);
  });

  test("registryAuth: pulled; preview of pull \"always\" asks the registry with the same credentials", async () => {
    const inputs = await checkedInputs({ image: ref, pull: "always", registryAuth: { ...locked.credentials!, serverAddress: `http://${locked.host}` }, state: "stopped" });
    const { id, outs } = await provider.create(inputs);
    expect((await docker.getContainer(id).inspect()).Image).toBe(await localId(ref));
    expect(await provider.diff(id, outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
    await provider.delete(id, outs);
  });

  test("the Docker config file's auths ($DOCKER_CONFIG/config.json), as docker login writes them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dockwright-config-"));
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = dir;
    try {
      const { username, password } = locked.credentials!;
      const auth = Buffer.from(`${username}:${password}`).toString("base64");
      writeFileSync(join(dir, "config.json"), JSON.stringify({ auths: { [locked.host]: { auth } } }));
      const { id, outs } = await provider.create(await checkedInputs({ image: ref, state: "stopped" }));
      expect((await docker.getContainer(id).inspect()).Image).toBe(await localId(ref));
      await provider.delete(id, outs);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
