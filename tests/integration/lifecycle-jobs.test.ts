// Jobs (state "exited"): up runs the container to completion and checks its exit code; the outcome is in the
// exitCode and logs outputs; a finished job is the same on the next up; a wrong exit code keeps the container,
// and the next up checks it again without re-running it.
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e) => e as Error & { id?: string; properties?: Record<string, unknown> });
const startedAt = async (id: string) => (await docker.getContainer(id).inspect()).State.StartedAt;

test("a job runs to completion before up returns; its last logLines are an output; the next up leaves it be", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    state: "exited",
    command: ["sh", "-c", "sleep 1; for i in 1 2 3 4 5; do echo line $i; done"],
    logLines: 3,
  });
  const { id, outs } = await provider.create(inputs);
  expect([outs.status, outs.exitCode, outs.logs]).toEqual(["exited", 0, "line 3\nline 4\nline 5"]);
  expect(await provider.diff(id, outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
  // Settings that only steer how up checks it do not touch a finished job: an update that only stores them.
  expect(await provider.diff(id, outs, await nextInputs(inputs, { logLines: 10 }))).toMatchObject({ changes: true, replaces: [] });
  // Another command is another job: replace.
  expect((await provider.diff(id, outs, await nextInputs(inputs, { command: "true" }))).replaces).toEqual(["command"]);
  await provider.delete(id, outs);
});

test("a wrong exit code is an init failure quoting the output; accepting that code, the next up checks it again without re-running", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, state: "exited", command: ["sh", "-c", "echo migrating; echo table exists >&2; exit 3"] });
  const err = await failure(provider.create(inputs));
  expect(err?.message).toMatch(/could not be brought to state "exited": the job exited with code 3, expected 0\. Its last output:/);
  expect(err?.message).toContain("  | table exists");
  expect(err?.message).toContain("  | migrating");
  expect(err?.id).toMatch(/^[0-9a-f]{64}$/);
  const ranAt = await startedAt(err!.id!);

  // Without a change the next up fails the same way (the job is not run again).
  await expect(provider.update(err!.id!, err!.properties!, inputs)).rejects.toThrow(/exited with code 3/);
  const accepted = await nextInputs(inputs, { expectedExitCode: 3 });
  const { outs } = await provider.update(err!.id!, err!.properties!, accepted);
  expect([outs.exitCode, outs.logs]).toEqual([3, expect.stringContaining("migrating")]);
  expect(await startedAt(err!.id!)).toBe(ranAt);
  await provider.delete(err!.id!, outs);
});

test("a job started again outside Pulumi: diff shows it running, and up waits for that run and checks it", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, state: "exited", command: ["sh", "-c", "sleep 1; echo ran"] });
  const { id, outs } = await provider.create(inputs);
  const firstRun = await startedAt(id);
  await docker.getContainer(id).start();
  const d = await provider.diff(id, outs, inputs);
  expect(d).toMatchObject({ changes: true, replaces: [] });
  const again = await provider.update(id, outs, inputs);
  expect(again.outs).toMatchObject({ status: "exited", exitCode: 0 });
  // Both runs' output, and the second run is the one that was checked.
  expect(again.outs.logs).toBe("ran\nran");
  expect(Date.parse(await startedAt(id))).toBeGreaterThan(Date.parse(firstRun));
  expect(await provider.diff(id, again.outs, inputs)).toMatchObject({ changes: false });
  await provider.delete(id, again.outs);
});

test("with a TTY the logs are the raw text; with the none logging driver they are empty", async () => {
  const tty = await provider.create(await checkedInputs({ image: BASE_IMAGE, state: "exited", tty: true, command: ["sh", "-c", "echo one; echo two"] }));
  expect(tty.outs.logs).toBe("one\ntwo");
  const none = await provider.create(await checkedInputs({ image: BASE_IMAGE, state: "exited", logDriver: "none", command: ["echo", "lost"] }));
  expect([none.outs.exitCode, none.outs.logs]).toEqual([0, ""]);
  await provider.delete(tty.id, tty.outs);
  await provider.delete(none.id, none.outs);
});

test("a job runs a script it was given through uploads", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    state: "exited",
    uploads: [{ path: "/job/migrate.sh", content: "#!/bin/sh\necho applied 3 migrations\n", mode: "0755" }],
    command: ["/job/migrate.sh"],
  });
  const { id, outs } = await provider.create(inputs);
  expect([outs.exitCode, outs.logs]).toEqual([0, "applied 3 migrations"]);
  await provider.delete(id, outs);
});
