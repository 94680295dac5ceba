// Devices, device cgroup rules and GPU requests: every form idempotent, held by the engine, a change replaces.
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs, readFromEngine } from "../support/provider";

test("devices and device cgroup rules in every form", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    devices: ["/dev/fuse", "/dev/null:/dev/mynull:r"],
    deviceCgroupRules: ["c 1:3 mr", "b 8:* r"],
  });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Running).toBe(true);
  expect(info.HostConfig.Devices).toEqual([
    { PathOnHost: "/dev/fuse", PathInContainer: "/dev/fuse", CgroupPermissions: "rwm" },
    { PathOnHost: "/dev/null", PathInContainer: "/dev/mynull", CgroupPermissions: "r" },
  ]);
  expect(info.HostConfig.DeviceCgroupRules).toEqual(["b 8:* r", "c 1:3 rm"]);

  const same = await nextInputs(inputs, {
    devices: [{ pathOnHost: "/dev/null", pathInContainer: "/dev/mynull", cgroupPermissions: "r" }, "/dev/fuse:/dev/fuse:mwr"],
    deviceCgroupRules: ["b 8:* r", "c 1:3 rm", "c 1:3 mr"],
  });
  expect((await provider.diff(id, outs, same)).changes).toBe(false);

  const changes: Record<string, unknown> = {
    devices: ["/dev/fuse:/dev/fuse:rw", "/dev/null:/dev/mynull:r"],
    deviceCgroupRules: ["c 1:3 mr"],
  };
  for (const [key, value] of Object.entries(changes)) {
    const d = await provider.diff(id, outs, await nextInputs(inputs, { [key]: value }));
    expect([key, d.replaces]).toEqual([key, [key]]);
  }
  const { devices: _d, deviceCgroupRules: _r, ...undeclared } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(undeclared, {}))).replaces).toEqual(["devices", "deviceCgroupRules"]);

  expect((await provider.read(id, outs)).inputs).toEqual(inputs);
  const read = await readFromEngine(id, outs);
  expect(read.inputs).toMatchObject({ devices: ["/dev/fuse:/dev/fuse:rwm", "/dev/null:/dev/mynull:r"], deviceCgroupRules: ["b 8:* r", "c 1:3 rm"] });
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  await provider.delete(id, outs);
});

test("a device missing on the engine's host: created, then the start fails with the engine's reason", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, devices: ["/dev/dockwright-missing"] });
  const failure = await provider.create(inputs).then(
    () => undefined,
    (err: Error & { id?: string; properties?: Record<string, unknown> }) => err,
  );
  expect(failure?.message).toMatch(/error gathering device information while adding custom device "\/dev\/dockwright-missing"/);
  await provider.delete(failure!.id!, failure!.properties!);
});

test("gpus: the request the engine holds, read back in every form; no GPU here, so only a created container", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, gpus: "count=2,capabilities=utility,driver=nvidia", state: "stopped" });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Status).toBe("created");
  expect((info.HostConfig as { DeviceRequests?: unknown }).DeviceRequests).toEqual([
    { Driver: "nvidia", Count: 2, DeviceIDs: null, Capabilities: [["gpu", "utility"]], Options: {} },
  ]);
  const same = await nextInputs(inputs, { gpus: { count: 2, capabilities: ["utility", "gpu"], driver: "nvidia" } });
  expect((await provider.diff(id, outs, same)).changes).toBe(false);

  for (const value of ["all", 1, "device=0,1", { count: 2, driver: "nvidia" }]) {
    const d = await provider.diff(id, outs, await nextInputs(inputs, { gpus: value }));
    expect([value, d.replaces]).toEqual([value, ["gpus"]]);
  }
  const { gpus: _g, ...undeclared } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(undeclared, {}))).replaces).toEqual(["gpus"]);

  expect((await provider.read(id, outs)).inputs!.gpus).toEqual(inputs.gpus);
  const read = await readFromEngine(id, outs);
  expect(read.inputs!.gpus).toEqual({ count: 2, capabilities: ["gpu", "utility"], driver: "nvidia" });
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  await provider.delete(id, outs);

  // Selected by id: held as DeviceIDs with count 0.
  const byId = await checkedInputs({ image: BASE_IMAGE, gpus: "device=0,1", state: "stopped" });
  const created = await provider.create(byId);
  expect((await docker.getContainer(created.id).inspect()).HostConfig).toMatchObject({
    DeviceRequests: [{ Driver: "", Count: 0, DeviceIDs: ["0", "1"], Capabilities: [["gpu"]] }],
  });
  expect((await provider.diff(created.id, created.outs, await nextInputs(byId, { gpus: { deviceIds: ["0", "1"] } }))).changes).toBe(false);
  await provider.delete(created.id, created.outs);
});

test("gpus on an engine without a GPU driver: the start fails with the engine's reason", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, gpus: "all" });
  const failure = await provider.create(inputs).then(
    () => undefined,
    (err: Error & { id?: string; properties?: Record<string, unknown> }) => err,
  );
  expect(failure?.message).toMatch(/could not select device driver "" with capabilities: \[\[gpu\]\]/);
  await provider.delete(failure!.id!, failure!.properties!);
});
