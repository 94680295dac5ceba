// Uploads: written after create and before the first start, with their modes and owners; a change of the
// declaration or of a local source's bytes replaces; a failed write keeps the container for the next up.
import { mkdtempSync, mkdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { docker } from "../support/engine";
import { execIn } from "../support/exec";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e) => e as Error & { id?: string; properties?: Record<string, unknown> });

const dir = mkdtempSync(join(tmpdir(), "dockwright-files-"));
mkdirSync(join(dir, "site/css"), { recursive: true });
writeFileSync(join(dir, "site/index.html"), "<h1>hello</h1>\n");
writeFileSync(join(dir, "site/css/a.css"), "h1{}\n", { mode: 0o600 });

const uploads = [
  { path: "/etc/app/config.yaml", content: "a: 1\n", mode: "0600", uid: 65534, gid: 65534 },
  { path: "/usr/local/bin/hello", contentBase64: Buffer.from("#!/bin/sh\necho hello from upload\n").toString("base64"), mode: 0o755 },
  { path: "/srv/www", source: join(dir, "site") },
];

test("content, base64 and a local folder are in the container at its first start, with their modes and owners", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, uploads });
  const { id, outs } = await provider.create(inputs);
  const stat = await execIn(id, ["sh", "-c", "stat -c '%a %u %g %n' /etc/app /etc/app/config.yaml /usr/local/bin/hello /srv/www/index.html /srv/www/css/a.css"]);
  expect(stat.output.trim().split("\n")).toEqual([
    "755 0 0 /etc/app",
    "600 65534 65534 /etc/app/config.yaml",
    "755 0 0 /usr/local/bin/hello",
    "644 0 0 /srv/www/index.html",
    "600 0 0 /srv/www/css/a.css",
  ]);
  expect((await execIn(id, ["/usr/local/bin/hello"])).output).toBe("hello from upload\n");
  expect((await execIn(id, ["cat", "/etc/app/config.yaml", "/srv/www/index.html"])).output).toBe("a: 1\n<h1>hello</h1>\n");

  // The same declaration and the same local bytes: no change.
  expect(await provider.diff(id, outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
  // Another content, or an edited local file: replace.
  const otherContent = uploads.map((u, i) => (i === 0 ? { ...u, content: "a: 2\n" } : u));
  expect((await provider.diff(id, outs, await nextInputs(inputs, { uploads: otherContent }))).replaces).toEqual(["uploads"]);
  writeFileSync(join(dir, "site/index.html"), "<h1>edited</h1>\n");
  expect((await provider.diff(id, outs, await nextInputs(inputs, {}))).replaces).toEqual(["uploads"]);
  // Dropping the uploads is a change too.
  const { uploads: _u, ...without } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(without, {}))).replaces).toEqual(["uploads"]);
  await provider.delete(id, outs);
});

test("a write the engine refuses is an init failure that never quotes the content; the next up writes again", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, uploads: [{ path: "/bin/busybox/conf", content: "top-secret-value" }] });
  const err = await failure(provider.create(inputs));
  expect(err?.message).toMatch(/could not be brought to state "running": cannot write \/bin\/busybox\/conf: .*not a directory.*run `pulumi up` again/);
  expect(err?.message).not.toContain("top-secret-value");
  expect(err?.id).toMatch(/^[0-9a-f]{64}$/);
  expect((await docker.getContainer(err!.id!).inspect()).State.Status).toBe("created");
  // Pulumi keeps it and calls update on the next up: the files are written again (and fail again).
  await expect(provider.update(err!.id!, err!.properties!, inputs)).rejects.toThrow(/cannot write \/bin\/busybox\/conf/);
  await provider.delete(err!.id!, err!.properties!);
});

test('"created": files written, never started; starting it is in place; back to "created" replaces', async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, state: "created", uploads: [{ path: "/tmp/marker", content: "made\n" }] });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect([info.State.Status, outs.status]).toEqual(["created", "created"]);
  expect(await provider.diff(id, outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
  // "stopped" holds for a container that never started; refresh reads it back as that, keeping the uploads.
  expect(await provider.diff(id, outs, await nextInputs(inputs, { state: "stopped" }))).toMatchObject({ changes: false });
  const refreshed = await provider.read(id, outs);
  // Refresh keeps "created" while the container has never started.
  expect(refreshed.inputs).toMatchObject({ state: "created", uploads: inputs.uploads });

  const running = await nextInputs(inputs, { state: "running" });
  expect(await provider.diff(id, outs, running)).toMatchObject({ changes: true, replaces: [] });
  const started = await provider.update(id, outs, running);
  expect(started.outs.status).toBe("running");
  expect((await execIn(id, ["cat", "/tmp/marker"])).output).toBe("made\n");
  expect((await provider.diff(id, started.outs, await nextInputs(inputs, { state: "created" }))).replaces).toEqual(["state"]);
  await provider.delete(id, started.outs);
});
