// Namespace modes: container:<name> compared as the id inspect reports, host modes, daemon defaults not drift,
// every change replaces, and what the engine refuses.
import { execIn } from "../support/exec";
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs, readFromEngine } from "../support/provider";


test("joining another container's pid and ipc namespaces by name: held as ids, no perpetual diff", async () => {
  const donorInputs = await checkedInputs({ image: BASE_IMAGE, ipcMode: "shareable" });
  const donor = await provider.create(donorInputs);
  const donorName = String(donor.outs.name);

  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    pidMode: `container:${donorName}`,
    ipcMode: `container:${donorName}`,
    userns: "host",
    cgroupnsMode: "private",
  });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Running).toBe(true);
  expect(info.HostConfig).toMatchObject({
    PidMode: `container:${donor.id}`,
    IpcMode: `container:${donor.id}`,
    UsernsMode: "host",
    CgroupnsMode: "private",
  });
  // One pid namespace: the joiner sees the donor's idle process next to its own.
  const ps = (await execIn(id, ["ps"])).output;
  expect(ps.split("\n").filter((line) => /\ssleep 2147483647$/.test(line.trim())).length).toBe(2);

  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  const byId = await nextInputs(inputs, { pidMode: `container:${donor.id.slice(0, 12)}`, ipcMode: `container:${donor.id}` });
  expect((await provider.diff(id, outs, byId)).changes).toBe(false);

  const changes: Record<string, unknown> = { pidMode: "host", ipcMode: "private", userns: "private", cgroupnsMode: "host" };
  for (const [key, value] of Object.entries(changes)) {
    const d = await provider.diff(id, outs, await nextInputs(inputs, { [key]: value }));
    expect([key, d.replaces]).toEqual([key, [key]]);
  }
  // Removing a declared ipc mode that is not a daemon default is a change back to the default.
  const { ipcMode: _ipc, ...withoutIpc } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(withoutIpc, {}))).replaces).toEqual(["ipcMode"]);
  // Another container of the same name is another namespace: a change.
  const otherDonor = await provider.create(await checkedInputs({ image: BASE_IMAGE, ipcMode: "shareable" }));
  const moved = await nextInputs(inputs, { pidMode: `container:${otherDonor.outs.name}` });
  expect((await provider.diff(id, outs, moved)).replaces).toEqual(["pidMode"]);

  // Refresh gives the names back as declared; rebuilt from the engine alone, ids, which describe the container exactly.
  expect((await provider.read(id, outs)).inputs).toEqual(inputs);
  const read = await readFromEngine(id, outs);
  // (cgroupnsMode, undeclared, is the daemon's default: not compared, so not rebuilt.)
  expect(read.inputs).toMatchObject({ pidMode: `container:${donor.id}`, ipcMode: `container:${donor.id}`, userns: "host" });
  expect((await provider.check({}, read.inputs!)).failures).toEqual([]);
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);

  await provider.delete(id, outs);
  await provider.delete(otherDonor.id, otherDonor.outs);
  await provider.delete(donor.id, donor.outs);
});

test("host namespaces; the engine's defaults (ipc private, cgroupns host on cgroup v1) are not drift", async () => {
  const plain = await provider.create(await checkedInputs({ image: BASE_IMAGE, state: "stopped" }));
  const plainInfo = await docker.getContainer(plain.id).inspect();
  // Measured defaults of this daemon: filled in at create.
  expect(plainInfo.HostConfig).toMatchObject({ PidMode: "", IpcMode: "private", UTSMode: "", UsernsMode: "", CgroupnsMode: "host" });
  const plainInputs = await checkedInputs({ image: BASE_IMAGE, state: "stopped" }, plain.outs);
  expect((await provider.diff(plain.id, plain.outs, plainInputs)).changes).toBe(false);
  const explicit = await nextInputs(plainInputs, { pidMode: "private", ipcMode: "private", utsMode: "private", userns: "private" });
  expect((await provider.diff(plain.id, plain.outs, explicit)).changes).toBe(false);
  expect((await provider.diff(plain.id, plain.outs, await nextInputs(plainInputs, { cgroupnsMode: "host" }))).changes).toBe(false);
  await provider.delete(plain.id, plain.outs);

  const inputs = await checkedInputs({ image: BASE_IMAGE, pidMode: "host", ipcMode: "host", utsMode: "host" });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Running).toBe(true);
  // The daemon adds label=disable for pid/ipc host: not drift in securityOpt.
  expect(info.HostConfig).toMatchObject({ PidMode: "host", IpcMode: "host", UTSMode: "host", SecurityOpt: ["label=disable"] });
  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  const { utsMode: _u, ...withoutUts } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(withoutUts, {}))).replaces).toEqual(["utsMode"]);
  await provider.delete(id, outs);
});

test("what the engine refuses: a missing container at create, a non-shareable ipc donor at start", async () => {
  const missing = await checkedInputs({ image: BASE_IMAGE, pidMode: "container:dockwright-no-such-container" });
  await expect(provider.create(missing)).rejects.toThrow(/No such container: dockwright-no-such-container/);

  // The daemon's default ipc mode here is private, which cannot be joined: the create succeeds, the start fails.
  const donor = await provider.create(await checkedInputs({ image: BASE_IMAGE }));
  const joiner = await checkedInputs({ image: BASE_IMAGE, ipcMode: `container:${donor.outs.name}` });
  const failure = await provider.create(joiner).then(
    () => undefined,
    (err: Error & { id?: string; properties?: Record<string, unknown> }) => err,
  );
  // An init failure: the container is kept in the stack (created, not running) and the engine's reason is given.
  expect(failure?.message).toMatch(/non-shareable IPC/);
  expect((await docker.getContainer(failure!.id!).inspect()).State.Status).toBe("created");
  await provider.delete(failure!.id!, failure!.properties!);
  await provider.delete(donor.id, donor.outs);
});
