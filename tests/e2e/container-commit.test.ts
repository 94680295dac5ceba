// Through the real host: a prepared container is committed into an image that another container starts from;
// message and trigger changes make a new image and remove the old one; an image removed outside Pulumi is
// committed again; destroy removes the image, or leaves it with a warning while a container uses it.
import { execFileSync } from "child_process";
import { Container, ContainerCommit, type ContainerCommitArgs } from "dockwright";
import { docker, IMAGE_PREFIX, TEST_LABEL, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { makeCheckout, type Checkout } from "../support/checkout";
import { ProviderHost } from "../support/host";
import { TestStack } from "../support/stack";
import { EngineLogServer } from "../support/engine-log";

const RUN = testLabels()[TEST_LABEL];
const REPO = `${IMAGE_PREFIX}/snapshot-${RUN}`;
const REF = `${REPO}:v1`;
const IDLE = "trap 'exit 0' TERM INT; sleep 2147483647 & wait";

let checkout: Checkout;
let engine: EngineLogServer;
let host: ProviderHost;
const stacks: TestStack[] = [];

beforeAll(async () => {
  checkout = makeCheckout({ copy: false });
  engine = await EngineLogServer.start();
  host = await ProviderHost.start({ cwd: checkout.dir, engineAddress: engine.address });
});

afterAll(async () => {
  for (const stack of stacks) await stack.destroy().catch(() => undefined);
  await host?.stop();
  await engine?.stop();
  checkout?.remove();
  // The commits carry the run's label (inherited from the labeled source container).
  for (const image of await docker.listImages({ all: true, filters: JSON.stringify({ label: [`${TEST_LABEL}=${RUN}`] }) })) {
    await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
});

function newStack(): TestStack {
  const stack = new TestStack(host, { stack: `commit-${stacks.length}` });
  stacks.push(stack);
  return stack;
}

const messages = () => engine.take().map((e) => `${e.severity}: ${e.message}`);

function sh(container: string, script: string): string {
  return execFileSync("docker", ["exec", container, "sh", "-c", script], { encoding: "utf8" });
}

async function imageExists(ref: string): Promise<boolean> {
  return docker.getImage(ref).inspect().then(() => true, () => false);
}

const CHANGES = [
  `CMD ["sh", "-c", "cat /srv/greeting > /tmp/seen; ${IDLE}"]`,
  "ENV GREETING=hello",
  "LABEL org.example.role=snapshot",
];

/** The source container, its snapshot (with `commit` args), and with `app` a container started from the snapshot. */
const program = (commit?: Partial<ContainerCommitArgs>, options: { app?: boolean } = {}) => () => {
  const web = new Container("web", { image: BASE_IMAGE, labels: testLabels() });
  if (!commit) return;
  const snap = new ContainerCommit("snap", { container: web.id, repository: REPO, tag: "v1", changes: CHANGES, ...commit });
  if (options.app === false) return;
  new Container("app", { image: snap.imageId, labels: testLabels() });
};

test("snapshot, start from it, same on a second run, new image on message and trigger changes, repaired after rmi, destroyed", async () => {
  const stack = newStack();
  await stack.up(program());
  const web = stack.resource("web")!.id;
  sh(web, "mkdir -p /srv && echo snapshot > /srv/greeting");

  const first = await stack.up(program({ message: "first", triggers: [1] }));
  expect(first.steps).toEqual({ web: { op: "same" }, snap: { op: "create" }, app: { op: "create" } });
  const snap = first.outputs.snap;
  const image = await docker.getImage(REF).inspect();
  expect(snap).toMatchObject({
    imageId: image.Id,
    repoTags: [REF],
    containerId: web,
    config: {
      cmd: ["sh", "-c", `cat /srv/greeting > /tmp/seen; ${IDLE}`],
      env: ["GREETING=hello"],
      labels: { [TEST_LABEL]: RUN, "org.example.role": "snapshot" },
    },
    diskChanges: { added: 2, firstPaths: ["A /srv", "A /srv/greeting"] },
  });
  expect(image.Comment).toBe("first");
  // The new container sees the file, and the new CMD, ENV and LABEL.
  const app = stack.resource("app")!.id;
  const appInfo = await docker.getContainer(app).inspect();
  expect(appInfo.Image).toBe(image.Id);
  expect(appInfo.Config.Cmd).toEqual(snap.config.cmd);
  expect(appInfo.Config.Labels).toMatchObject({ "org.example.role": "snapshot" });
  expect(sh(app, 'cat /tmp/seen; echo "$GREETING"')).toBe("snapshot\nhello\n");
  messages();

  const again = await stack.up(program({ message: "first", triggers: [1] }));
  expect(again.steps).toEqual({ web: { op: "same" }, snap: { op: "same" }, app: { op: "same" } });
  expect(messages()).toEqual([]);

  const preview = await stack.preview(program({ message: "second", triggers: [1] }));
  expect(preview.steps.snap).toEqual({ op: "replace", replaces: ["message"], deleteBeforeReplace: false });
  expect(messages()).toContain('info: commit "snap": message: "first" -> "second" (replace)');
  const second = await stack.up(program({ message: "second", triggers: [1] }));
  expect(second.steps).toMatchObject({ web: { op: "same" }, snap: { op: "replace", replaces: ["message"] }, app: { op: "replace" } });
  expect(second.outputs.snap.imageId).not.toBe(image.Id);
  expect(await imageExists(image.Id)).toBe(false);
  expect((await docker.getImage(REF).inspect()).Id).toBe(second.outputs.snap.imageId);
  expect((await docker.getContainer(stack.resource("app")!.id).inspect()).Image).toBe(second.outputs.snap.imageId);

  const third = await stack.up(program({ message: "second", triggers: [2] }));
  expect(third.steps.snap).toEqual({ op: "replace", replaces: ["triggers"], deleteBeforeReplace: false });
  expect(await imageExists(second.outputs.snap.imageId)).toBe(false);
  const current = third.outputs.snap.imageId;

  // An image nothing uses can be removed outside Pulumi: the next preview says so and the next up commits again.
  await stack.up(program({ message: "second", triggers: [2] }, { app: false }));
  execFileSync("docker", ["rmi", REF]);
  messages();
  const noticed = await stack.preview(program({ message: "second", triggers: [2] }, { app: false }));
  expect(noticed.steps.snap).toEqual({ op: "replace", replaces: ["imageId"], deleteBeforeReplace: false });
  expect(messages().join("\n")).toContain(`image ${current.slice(7, 19)} was removed outside Pulumi: a new commit will be made`);
  const repaired = await stack.up(program({ message: "second", triggers: [2] }, { app: false }));
  expect(repaired.steps.snap).toMatchObject({ op: "replace" });
  expect((await docker.getImage(REF).inspect()).Id).toBe(repaired.outputs.snap.imageId);

  // Refresh finds it too: the commit leaves the state and the next up creates it.
  execFileSync("docker", ["rmi", REF]);
  const refreshed = await stack.refresh();
  expect(refreshed.steps.snap).toEqual({ op: "delete" });
  const recreated = await stack.up(program({ message: "second", triggers: [2] }));
  expect(recreated.steps).toMatchObject({ snap: { op: "create" }, app: { op: "create" } });
  expect((await docker.getImage(REF).inspect()).Id).toBe(recreated.outputs.snap.imageId);

  const gone = await stack.destroy();
  expect(gone.steps).toEqual({ app: { op: "delete" }, snap: { op: "delete" }, web: { op: "delete" } });
  expect(await imageExists(REF)).toBe(false);
  expect(await imageExists(recreated.outputs.snap.imageId)).toBe(false);
});

test("invalid inputs fail at preview with the reason", async () => {
  const stack = newStack();
  await stack.up(program());
  const cases: [Partial<ContainerCommitArgs>, RegExp][] = [
    [{ repository: "Snapshots/App" }, /property repository has a problem: repository names must be lowercase: "snapshots\/app"/],
    [{ repository: undefined, tag: "v1" }, /property tag has a problem: a tag needs a repository/],
    [{ changes: ["RUN apk add curl"] }, /property changes\[0\] has a problem: RUN cannot be part of a commit/],
  ];
  for (const [args, reason] of cases) {
    const result = await stack.preview(program(args, { app: false }), { allowErrors: true });
    expect(result.errors.map((e) => e.message).join("\n")).toMatch(reason);
  }
  expect(await imageExists(REF)).toBe(false);
});

test("destroy removes its tag; an image a running container uses stays, with a warning", async () => {
  const stack = newStack();
  const { outputs } = await stack.up(program({ repository: `${REPO}-used` }, { app: false }));
  const imageId = outputs.snap.imageId;
  const user = await docker.createContainer({ Image: imageId, Labels: testLabels() });
  await user.start();
  messages();
  await stack.destroy();
  expect(messages().join("\n")).toMatch(
    new RegExp(
      `warning: commit "snap": image ${imageId.slice(7, 19)} was left on the engine because it is in use \\(its tag ${REPO}-used:v1 was removed\\): .*running container`,
    ),
  );
  expect(await imageExists(imageId)).toBe(true);
  expect(await imageExists(`${REPO}-used:v1`)).toBe(false);
  await user.remove({ force: true });
});
