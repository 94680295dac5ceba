import { execFileSync } from "child_process";
import { commitProvider as provider } from "../../provider/commit";
import { docker, IMAGE_PREFIX, TEST_LABEL, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";

const RUN = testLabels()[TEST_LABEL];
const REPO = `${IMAGE_PREFIX}/commit-${RUN}`;
/** Every image a test commits carries the run's label (also inherited from the labeled source container). */
const LABEL_CHANGE = `LABEL ${TEST_LABEL}=${RUN}`;

const started: string[] = [];

async function startContainer(name?: string): Promise<string> {
  const container = await docker.createContainer({ Image: BASE_IMAGE, Labels: testLabels(), name });
  await container.start();
  started.push(container.id);
  return container.id;
}

function sh(container: string, script: string): string {
  return execFileSync("docker", ["exec", container, "sh", "-c", script], { encoding: "utf8" });
}

/** Runs `script` in a throwaway container of `image` and returns its output (as root: the test base image's /bin is 0600). */
function runIn(image: string, script: string): string {
  return execFileSync("docker", ["run", "--rm", "--user", "root", "--label", `${TEST_LABEL}=${RUN}`, image, "sh", "-c", script], {
    encoding: "utf8",
  });
}

async function checked(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const { inputs, failures } = await provider.check(olds, { __resourceName: "snap", ...news });
  if (failures.length) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  return inputs;
}

async function imageExists(ref: string): Promise<boolean> {
  return docker.getImage(ref).inspect().then(() => true, () => false);
}

async function imagesTagged(ref: string): Promise<string[]> {
  return (await docker.listImages({ all: true, filters: JSON.stringify({ reference: [ref] }) })).map((i) => i.Id);
}

async function imagesOf(container: string) {
  const images = await docker.listImages({ all: true, filters: JSON.stringify({ label: [`${TEST_LABEL}=${RUN}`] }) });
  const infos = await Promise.all(images.map((i) => docker.getImage(i.Id).inspect()));
  return infos.filter((i) => i.Container === container);
}

afterAll(async () => {
  for (const id of started) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  for (const image of await docker.listImages({ all: true, filters: JSON.stringify({ label: [`${TEST_LABEL}=${RUN}`] }) })) {
    await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
});

describe("create", () => {
  test("commits the container's files and the changes; the outputs describe the new image", async () => {
    const source = await startContainer();
    sh(source, "mkdir /srv && echo snapshot > /srv/greeting && rm /etc/group");
    const inputs = await checked({
      container: source,
      repository: REPO,
      tag: "v1",
      message: "first snapshot",
      author: "Jane <jane@example.com>",
      changes: [
        'CMD ["sh", "-c", "cat /srv/greeting; trap \'exit 0\' TERM; sleep 2147483647 & wait"]',
        "ENV GREETING=hello MODE=test",
        LABEL_CHANGE,
        "LABEL org.example.role=snapshot",
        "EXPOSE 8080 9090/udp",
        "USER nobody",
        "WORKDIR /srv",
        "STOPSIGNAL USR1",
      ],
    });
    const { id, outs } = await provider.create(inputs);
    const info = await docker.getImage(`${REPO}:v1`).inspect();
    expect(id).toBe(info.Id);
    expect(info.Comment).toBe("first snapshot");
    expect(info.Author).toBe("Jane <jane@example.com>");
    // Sent in the body: this engine refuses STOPSIGNAL as a change.
    expect((info.Config as { StopSignal?: string }).StopSignal).toBe("SIGUSR1");
    const base = await docker.getImage(BASE_IMAGE).inspect();
    expect(outs).toMatchObject({
      ...inputs,
      imageId: info.Id,
      repoTags: [`${REPO}:v1`],
      createdAt: info.Created,
      size: info.Size,
      containerId: source,
      parentImageId: base.Id,
      config: {
        cmd: ["sh", "-c", "cat /srv/greeting; trap 'exit 0' TERM; sleep 2147483647 & wait"],
        entrypoint: [],
        env: ["GREETING=hello", "MODE=test"],
        labels: { [TEST_LABEL]: RUN, "org.example.role": "snapshot" },
        exposedPorts: ["8080/tcp", "9090/udp"],
        user: "nobody",
        workingDir: "/srv",
        stopSignal: "SIGUSR1",
      },
      diskChanges: { added: 2, changed: 1, deleted: 1, firstPaths: ["C /etc", "D /etc/group", "A /srv", "A /srv/greeting"] },
    });
    expect(info.Config.User).toBe("nobody");
    expect(runIn(info.Id, "cat /srv/greeting; echo $GREETING; pwd; test -e /etc/group || echo no-group")).toBe("snapshot\nhello\n/srv\nno-group\n");
    await provider.delete(id, outs);
    expect(await imageExists(info.Id)).toBe(false);
  });

  test("by container name, without a repository (untagged), paused or not, also from a stopped container", async () => {
    const name = `dw-commit-src-${RUN}`;
    const source = await startContainer(name);
    sh(source, "echo a > /tmp/a");
    const unpaused = await provider.create(await checked({ container: name, pause: false, changes: LABEL_CHANGE }));
    expect(unpaused.outs).toMatchObject({ containerId: source, repoTags: [], diskChanges: { added: 1, firstPaths: ["C /tmp", "A /tmp/a"] } });
    await docker.getContainer(source).stop({ t: 0 });
    const stopped = await provider.create(await checked({ container: name, changes: [LABEL_CHANGE] }));
    expect(runIn(stopped.id, "cat /tmp/a")).toBe("a\n");
    for (const made of [unpaused, stopped]) {
      await provider.delete(made.id, made.outs);
      expect(await imageExists(made.id)).toBe(false);
    }
  });

  test("a container that does not exist is a clear error", async () => {
    await expect(provider.create(await checked({ container: `dw-absent-${RUN}` }))).rejects.toThrow(
      new RegExp(`commit "snap": container "dw-absent-${RUN}" is not on the Docker engine.*Nothing was created`),
    );
  });

  test("a commit the engine refuses leaves no image behind (the engine stores one before refusing the name)", async () => {
    const source = await startContainer();
    // Bypasses check, which refuses this name at preview.
    const err = await provider.create({ __resourceName: "snap", container: source, repository: "Bad/Repo", changes: [LABEL_CHANGE] }).catch((e) => e);
    expect(err.message).toMatch(/cannot create commit "snap": invalid reference format: repository name must be lowercase\. Nothing was created\. The untagged image the engine left behind \([0-9a-f]{12}\) was removed/);
    expect(await imagesOf(source)).toEqual([]);
    const refused = await provider.create({ __resourceName: "snap", container: source, changes: ["HEALTHCHECK NONE", "RUN true"] }).catch((e) => e);
    expect(refused.message).toMatch(/run is not a valid change command\. Nothing was created/);
    expect(await imagesOf(source)).toEqual([]);
  });
});

describe("diff and read", () => {
  test("equivalent inputs are no change; any input change replaces", async () => {
    const source = await startContainer();
    const inputs = await checked({ container: source, repository: REPO, changes: "cmd sh", triggers: [1] });
    const { id, outs } = await provider.create({ ...inputs, changes: ["cmd sh", LABEL_CHANGE] });
    const same = { ...inputs, changes: ["CMD sh", LABEL_CHANGE], tag: "latest", pause: true, message: "" };
    expect(await provider.diff(id, outs, same)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    for (const [key, value] of Object.entries({ message: "again", author: "me", pause: false, triggers: [2], tag: "v2", repository: `${REPO}-b`, changes: ["CMD sh"] })) {
      expect(await provider.diff(id, outs, { ...same, [key]: value })).toEqual({ changes: true, replaces: [key], deleteBeforeReplace: false });
    }
    const other = await startContainer();
    expect((await provider.diff(id, outs, { ...same, container: other })).replaces).toEqual(["container"]);
    await provider.delete(id, outs);
  });

  test("a new container behind the same name makes a new commit; a removed source container does not", async () => {
    const name = `dw-commit-renamed-${RUN}`;
    const first = await startContainer(name);
    const inputs = await checked({ container: name, changes: [LABEL_CHANGE] });
    const { id, outs } = await provider.create(inputs);
    await docker.getContainer(first).remove({ force: true });
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false, replaces: [] });
    await startContainer(name);
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: ["containerId"] });
    await provider.delete(id, outs);
  });

  test("a tag moved or removed outside Pulumi is found by read and diff; a removed image leaves the state", async () => {
    const source = await startContainer();
    const inputs = await checked({ container: source, repository: REPO, tag: "drift", changes: [LABEL_CHANGE] });
    const { id, outs } = await provider.create(inputs);
    expect(await provider.read(id, outs)).toEqual({ id, props: outs, inputs: expect.objectContaining(inputs) });

    await docker.getImage(BASE_IMAGE).tag({ repo: REPO, tag: "drift" });
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: ["repoTags"] });
    const refreshed = await provider.read(id, outs);
    expect(refreshed.props.repoTags).toEqual([]);
    await docker.getImage(`${REPO}:drift`).remove();
    expect(await provider.diff(id, refreshed.props, inputs)).toMatchObject({ changes: true, replaces: ["repoTags"] });

    await docker.getImage(id).remove();
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: ["imageId"] });
    expect(await provider.read(id, outs)).toEqual({ id: "", props: {}, inputs: {} });
    // Already gone: delete is fine.
    await provider.delete(id, outs);
  });
});

describe("delete", () => {
  test("a replacement with the same tag takes the tag; deleting the old commit removes only the old image", async () => {
    const source = await startContainer();
    const inputs = await checked({ container: source, repository: REPO, tag: "moving", changes: [LABEL_CHANGE] });
    const old = await provider.create(inputs);
    const next = await provider.create({ ...inputs, message: "second" });
    expect(next.id).not.toBe(old.id);
    await provider.delete(old.id, old.outs);
    expect(await imageExists(old.id)).toBe(false);
    expect((await docker.getImage(`${REPO}:moving`).inspect()).Id).toBe(next.id);
    await provider.delete(next.id, next.outs);
    expect(await imageExists(`${REPO}:moving`)).toBe(false);
  });

  test.each([
    ["running", true],
    ["stopped", false],
  ])("destroy always removes its tag; an image a %s container uses stays (untagged) for it", async (_state, running) => {
    const source = await startContainer();
    const tag = `used-${running ? "running" : "stopped"}`;
    const inputs = await checked({ container: source, repository: REPO, tag, changes: [LABEL_CHANGE] });
    const used = await provider.create(inputs);
    const user = await docker.createContainer({ Image: used.id, Labels: testLabels(), Cmd: ["sleep", "600"] });
    started.push(user.id);
    if (running) await user.start();
    await provider.delete(used.id, used.outs);
    // The tag belonged to the resource: gone. The image is not: a container needs it (never forced away).
    expect(await imageExists(`${REPO}:${tag}`)).toBe(false);
    const kept = await docker.getImage(used.id).inspect();
    expect(kept.RepoTags ?? []).toEqual([]);
    expect((await docker.getContainer(user.id).inspect()).Image).toBe(used.id);
    if (running) await user.stop({ t: 0 });
    // No placeholder is left behind, and the image goes with a later destroy once nothing uses it.
    expect(await imagesTagged(`${REPO}:${tag}`)).toEqual([]);
    await user.remove();
    await provider.delete(used.id, used.outs);
    expect(await imageExists(used.id)).toBe(false);
  });

  test("an image tagged by someone else only loses our tag", async () => {
    const source = await startContainer();
    const inputs = await checked({ container: source, repository: REPO, tag: "shared", changes: [LABEL_CHANGE] });
    const used = await provider.create(inputs);
    await docker.getImage(used.id).tag({ repo: REPO, tag: "someone-else" });
    await provider.delete(used.id, used.outs);
    const kept = await docker.getImage(used.id).inspect();
    expect(kept.RepoTags).toEqual([`${REPO}:someone-else`]);
    await docker.getImage(used.id).remove({ force: true });
  });
});
