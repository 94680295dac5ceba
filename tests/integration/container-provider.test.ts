import net from "net";
import { docker, eventually, TEST_LABEL } from "../support/engine";
import { BASE_IMAGE, buildRepoint, REPOINT_IMAGE, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

async function containersNamed(name: string) {
  return docker.listContainers({ all: true, filters: JSON.stringify({ name: [`^/${name}$`] }) });
}

describe("create", () => {
  test("a missing image that may not be pulled is a clear error naming the image, and nothing is created", async () => {
    const inputs = await checkedInputs({ image: "dockwright-test/absent:1", name: "dw-missing-image", pull: "never" });
    await expect(provider.create(inputs)).rejects.toThrow(
      /container "dw-missing-image": image "dockwright-test\/absent:1" is not on the Docker engine.*pull is "never"/,
    );
    expect(await containersNamed("dw-missing-image")).toHaveLength(0);
  });

  test("a name already taken is a clear error; the existing container is untouched", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, name: "dw-taken" });
    const first = await provider.create(inputs);
    await expect(provider.create(inputs)).rejects.toThrow(/cannot create container "dw-taken".*Another container already has this name/);
    expect((await docker.getContainer(first.id).inspect()).State.Running).toBe(true);
    await provider.delete(first.id, first.outs);
  });

  test("a container that fails to start is reported as an init failure carrying its id and properties", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, command: ["/no/such/binary"] });
    const err = await provider.create(inputs).then(
      () => undefined,
      (e) => e,
    );
    expect(err?.message).toMatch(/was created but failed to start|could not be brought to state "running"/);
    expect(err.id).toMatch(/^[0-9a-f]{64}$/);
    expect(err.properties).toMatchObject({ name: inputs.__autoname, status: "created" });
    expect(err.reasons).toEqual([err.message]);
    // It exists on the engine, so Pulumi can keep it in state rather than orphan it.
    expect((await docker.getContainer(err.id).inspect()).Id).toBe(err.id);
    await provider.delete(err.id, err.properties);
  });

  test("a host port in use makes start fail; once it is free, update resumes the kept container", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as net.AddressInfo).port;
    const inputs = await checkedInputs({ image: BASE_IMAGE, ports: [`127.0.0.1:${port}:80`] });
    const err = await provider.create(inputs).catch((e) => e);
    expect(err.id).toBeDefined();
    await new Promise((r) => blocker.close(r));
    const { outs } = await provider.update(err.id, err.properties, inputs);
    expect(outs.status).toBe("running");
    expect(outs.ports).toContainEqual({ container: 80, protocol: "tcp", hostIp: "127.0.0.1", host: port });
    await provider.delete(err.id, outs);
  });
});

describe("diff", () => {
  test("the same inputs are no change; image defaults (ENV, LABEL, CMD, ENTRYPOINT) are not drift", async () => {
    const inputs = await checkedInputs({ image: RICH_IMAGE, env: { APP_MODE: "production", EXTRA: "1" } });
    const { id, outs } = await provider.create(inputs);
    // The image's HEALTHCHECK is inherited and reported.
    expect(["starting", "healthy"]).toContain(outs.health);
    const d = await provider.diff(id, outs, inputs);
    expect(d).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    // The same image under another reference (its id) is no change either.
    const byId = await nextInputs(inputs, { image: outs.imageId });
    expect((await provider.diff(id, outs, byId)).changes).toBe(false);
    await provider.delete(id, outs);
  });

  test("each changed option that needs a new container is listed in replaces", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, env: { A: "1" }, command: ["sleep", "100"], ports: ["127.0.0.1::80"] });
    const { id, outs } = await provider.create(inputs);
    const changed = await nextInputs(inputs, { env: { A: "2" }, command: "sleep 200", ports: ["127.0.0.1::81"] });
    const d = await provider.diff(id, outs, changed);
    expect(d.changes).toBe(true);
    expect(d.replaces.sort()).toEqual(["command", "env", "ports"]);
    // An unnamed container without fixed host ports is replaced create-before-delete.
    expect(d.deleteBeforeReplace).toBe(false);
    // Removing a declared env var is a change too (unlike "allow more present" comparisons).
    const removed = await nextInputs(inputs, { env: {} });
    expect((await provider.diff(id, outs, removed)).replaces).toEqual(["env"]);
    await provider.delete(id, outs);
  });

  test("a tag re-pointed to another image replaces the container", async () => {
    const v1 = await buildRepoint(1);
    const inputs = await checkedInputs({ image: REPOINT_IMAGE });
    const { id, outs } = await provider.create(inputs);
    expect(outs.imageId).toBe(v1);
    expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
    const v2 = await buildRepoint(2);
    expect(v2).not.toBe(v1);
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: ["image"] });
    await provider.delete(id, outs);
  });

  test("a fixed name or a fixed host port replaces delete-before-create", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE, name: "dw-fixed", env: { A: "1" } });
    const { id, outs } = await provider.create(inputs);
    const d = await provider.diff(id, outs, { ...inputs, env: { A: "2" } });
    expect(d).toMatchObject({ replaces: ["env"], deleteBeforeReplace: true });
    await provider.delete(id, outs);
  });

  test("a container removed outside Pulumi is recreated; a stopped one is started in place", async () => {
    const inputs = await checkedInputs({ image: BASE_IMAGE });
    const { id, outs } = await provider.create(inputs);
    await docker.getContainer(id).stop({ t: 0 });
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: [] });
    const { outs: started } = await provider.update(id, outs, inputs);
    expect(started.status).toBe("running");
    await docker.getContainer(id).remove({ force: true });
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: ["id"] });
  });
});

describe("delete", () => {
  test("stops with the container's own stop signal, then removes it", async () => {
    // The rich image's STOPSIGNAL is SIGUSR1 and its process exits 0 on USR1 (and ignores TERM).
    const inputs = await checkedInputs({ image: RICH_IMAGE });
    const { id, outs } = await provider.create(inputs);
    const events = await docker.getEvents({ filters: JSON.stringify({ container: [id], event: ["kill", "die"] }) });
    const seen: any[] = [];
    events.on("data", (chunk: Buffer) => chunk.toString().split("\n").filter(Boolean).forEach((l) => seen.push(JSON.parse(l))));
    const started = Date.now();
    await provider.delete(id, outs);
    const died = await eventually("the die event", async () => seen.find((e) => e.Action === "die"));
    (events as any).destroy();
    expect(seen.find((e) => e.Action === "kill")?.Actor.Attributes.signal).toBe("10");
    expect(died.Actor.Attributes.exitCode).toBe("0");
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  test("honours the container's stop timeout before killing, and removes its anonymous volumes", async () => {
    // Created directly: a process that ignores TERM, with a 1 s stop timeout (the engine default is 10 s).
    const c = await docker.createContainer({
      Image: BASE_IMAGE,
      Cmd: ["sh", "-c", "trap '' TERM; sleep 2147483647 & wait; sleep 2147483647"],
      StopTimeout: 1,
      Volumes: { "/scratch": {} },
      Labels: { [TEST_LABEL]: "it" },
    });
    await c.start();
    const volume = (await c.inspect()).Mounts.find((m) => m.Destination === "/scratch")!.Name!;
    const started = Date.now();
    await provider.delete(c.id, { name: "it" });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(8000);
    await expect(docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  test("a container that is already gone deletes cleanly", async () => {
    await expect(provider.delete("0000000000000000000000000000000000000000000000000000000000000000", {})).resolves.toBeUndefined();
  });
});
