// Through the real host, against a real registry on 127.0.0.1 that requires a password: up pulls with the
// declared credentials (a secret) and says so in a few lines; preview of pull "always" finds a moved tag without
// pulling and plans a replace; a failed pull names the container, the reference and what to do; no message and no
// unencrypted output ever holds the password.
import * as pulumi from "@pulumi/pulumi";
import { Container, type ContainerArgs } from "dockwright";
import { makeCheckout, type Checkout } from "../support/checkout";
import { docker, IMAGE_PREFIX, testLabels } from "../support/engine";
import { EngineLogServer } from "../support/engine-log";
import { ProviderHost } from "../support/host";
import { BASE_IMAGE, buildImage } from "../support/images";
import { removeImage, startRegistry, type Registry } from "../support/registry";
import { TestStack } from "../support/stack";

let checkout: Checkout;
let engine: EngineLogServer;
let host: ProviderHost;
let stack: TestStack;
let registry: Registry;
const made: string[] = [];

beforeAll(async () => {
  checkout = makeCheckout({ copy: false });
  registry = await startRegistry({ password: true });
  engine = await EngineLogServer.start();
  host = await ProviderHost.start({ cwd: checkout.dir, engineAddress: engine.address });
  stack = new TestStack(host);
});

afterAll(async () => {
  await stack?.destroy().catch(() => undefined);
  await host?.stop();
  await engine?.stop();
  await registry?.stop();
  checkout?.remove();
  for (const ref of made) await removeImage(ref);
});

async function uniqueImage(name: string): Promise<{ tag: string; id: string }> {
  const tag = `${IMAGE_PREFIX}/e2e-${name}:${Date.now().toString(36)}`;
  const id = await buildImage(tag, `FROM ${BASE_IMAGE}\nLABEL org.example.build="${tag}"`);
  made.push(tag, id);
  return { tag, id };
}

const localId = (ref: string) => docker.getImage(ref).inspect().then((i) => i.Id, () => undefined);

test('pull "always" with registryAuth: up pulls, preview sees a moved tag, failures are clear, the password is never shown', async () => {
  const { username, password } = registry.credentials!;
  const repo = `${registry.host}/dockwright-test/e2e-app`;
  const ref = `${repo}:latest`;
  made.push(ref);
  const v1 = await uniqueImage("v1");
  const v2 = await uniqueImage("v2");
  await registry.push(v1.tag, "dockwright-test/e2e-app:latest");
  await removeImage(ref);

  const program = (extra: Partial<ContainerArgs> = {}) => () => {
    new Container("app", {
      image: ref,
      pull: "always",
      // In plain text here: the SDK stores registryAuth as a secret anyway.
      registryAuth: { username, password },
      labels: testLabels(),
      ...extra,
    });
  };
  engine.take();
  const up = await stack.up(program());
  expect(up.steps.app).toEqual({ op: "create" });
  expect((await docker.getContainer(stack.resource("app")!.id).inspect()).Image).toBe(v1.id);
  const created = engine.take().map((e) => e.message);
  expect(created[0]).toMatch(new RegExp(`^container "app-[a-z0-9]+": pulling ${ref} with the credentials from registryAuth$`));
  expect(created[created.length - 1]).toMatch(new RegExp(`: pulled ${ref} \\(sha256:[0-9a-f]{64}\\) in [0-9.]+ s$`));
  // A few lines per pull, not one per layer event.
  expect(created.length).toBeLessThanOrEqual(4);
  // The credentials are kept as a secret in the state.
  expect(stack.resource("app")!.secretKeys).toContain("registryAuth");

  // Nothing moved: same, and nothing pulled or printed.
  expect((await stack.up(program())).steps.app).toEqual({ op: "same" });
  expect(engine.take()).toEqual([]);

  // Another machine pushes v2 under the same tag; this engine's tag still points to v1.
  await registry.push(v2.tag, "dockwright-test/e2e-app:latest");
  await docker.getImage(v1.id).tag({ repo, tag: "latest" });
  const preview = await stack.preview(program());
  expect(preview.steps.app).toMatchObject({ op: "replace", replaces: ["image"] });
  const planned = engine.take().map((e) => e.message);
  expect(planned).toEqual([
    expect.stringMatching(/pull "always": .* now points to sha256:[0-9a-f]{64} in 127\.0\.0\.1:\d+, which the engine does not have: up pulls it and replaces the container$/),
    // The image up will pull is known by its registry digest until then.
    expect.stringMatching(new RegExp(`: image: "${v1.id}" -> "${repo}@sha256:[0-9a-f]{64}" \\(changed outside Pulumi; replace\\)$`)),
    // and how the replacement will go (an autonamed, labelled container: swapped).
    expect.stringMatching(/: replace, swap: stop old, start new$/),
  ]);
  expect(await localId(ref)).toBe(v1.id);

  const replaced = await stack.up(program());
  expect(replaced.steps.app).toMatchObject({ op: "replace" });
  expect((await docker.getContainer(stack.resource("app")!.id).inspect()).Image).toBe(v2.id);
  expect(engine.take().map((e) => e.message).some((m) => m.includes(`pulled ${ref}`))).toBe(true);

  // A wrong password for a reference the engine does not have: the run fails saying why, without the password.
  const wrong = `${password}-wrong`;
  const failing = () => {
    program()();
    new Container("other", {
      image: `${repo}:missing-here`,
      registryAuth: { username, password: pulumi.secret(wrong) },
      labels: testLabels(),
    });
  };
  const failed = await stack.up(failing, { allowErrors: true });
  const errors = failed.errors.map((e) => e.message).join("\n");
  expect(errors).toMatch(
    new RegExp(`container "other-[a-z0-9]+": image "${repo}:missing-here" is not on the Docker engine at \\S+, and pulling it failed: unauthorized: authentication required\\. ` +
      `The registry 127\\.0\\.0\\.1:\\d+ refused the credentials from registryAuth: check the username and password`),
  );
  const everything = [errors, ...engine.take().map((e) => e.message)].join("\n");
  expect(everything).not.toContain(password);
  expect(failed.steps.app).toEqual({ op: "same" });
});
