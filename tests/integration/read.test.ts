// Refresh: inputs reconstructed from inspect, image defaults subtracted, drift visible; what did not drift reads
// as the program wrote it.
import { docker } from "../support/engine";
import { BASE_IMAGE, IDLE_SCRIPT, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider } from "../support/provider";

test("read reconstructs the inputs that would produce the container, drift included", async () => {
  const inputs = await checkedInputs({
    image: RICH_IMAGE,
    env: { APP_MODE: "staging", EXTRA: "1" },
    memory: "64m",
    cpus: 0.5,
    ports: ["127.0.0.1::8080"],
    restart: "on-failure:2",
  });
  const { id, outs } = await provider.create(inputs);
  await docker.getContainer(id).update({ PidsLimit: 70 });

  const read = await provider.read(id, outs);
  expect(read.id).toBe(id);
  const { __resourceName, __autoname, labels, ...options } = read.inputs!;
  expect(__autoname).toBe(outs.name);
  // The image's own LABELs are inherited, not inputs; only the test label the program declared remains.
  expect(Object.keys(labels as object)).toEqual(["dockwright-test"]);
  // What still holds keeps the program's spelling; what drifted is read from the engine.
  expect(options).toEqual({
    image: RICH_IMAGE,
    env: { APP_MODE: "staging", EXTRA: "1" },
    memory: "64m",
    cpus: 0.5,
    ports: ["127.0.0.1::8080"],
    restart: "on-failure:2",
    pidsLimit: 70,
  });
  expect(read.props).toMatchObject({ name: outs.name, status: "running", pidsLimit: 70 });

  // The reconstructed inputs are valid and describe the container exactly.
  const { failures } = await provider.check({}, read.inputs!);
  expect(failures).toEqual([]);
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  await provider.delete(id, read.props);
});

test("refreshing an untouched container gives back the program's inputs: its spelling, declared defaults, no added command", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    name: `dw-read-${process.env.DOCKWRIGHT_TEST_RUN}`,
    // Only an entrypoint: refresh must not add `command: []`.
    entrypoint: ["sh", "-c", IDLE_SCRIPT],
    memory: "64m",
    memorySwap: "128M",
    memoryReservation: "32768k",
    shmSize: "32m",
    cpus: 0.5,
    restart: "on-failure:2",
    ports: ["127.0.0.1::8080", 9090],
    env: ["B=2", "A=1"],
    labels: ["z=1", "a=2"],
    workingDir: "/tmp/",
    user: "root",
    stopSignal: "TERM",
    stopTimeout: 3,
    groupAdd: ["65534", "0"],
    capAdd: ["net_admin", "CAP_SYS_TIME"],
    securityOpt: ["no-new-privileges:true"],
    ulimits: ["NOFILE=1024:2048"],
    tmpfs: ["/run:size=1m"],
    extraHosts: ["db.local:10.0.0.5"],
    logOptions: { "max-size": "10m", "max-file": 3 },
    // Declared defaults stay declared.
    tty: false,
    init: false,
    stdinOpen: false,
    readOnly: false,
    privileged: false,
    networkMode: "bridge",
    state: "running",
    healthcheck: false,
  });
  const { id, outs } = await provider.create(inputs);
  const read = await provider.read(id, outs);
  expect(read.inputs).toEqual(inputs);
  // The outputs do not change either: `pulumi refresh` shows nothing.
  expect(read.props).toEqual(outs);
  const again = await provider.read(id, read.props);
  expect(again).toEqual(read);
  await provider.delete(id, outs);
});

test("refresh: a drifted value is read in canonical form, next to the declarations that still hold", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, memory: "64m", restart: "on-failure:2", cpus: 0.5 });
  const { id, outs } = await provider.create(inputs);
  await docker.getContainer(id).update({ Memory: 96 * 1024 * 1024, MemorySwap: 192 * 1024 * 1024, RestartPolicy: { Name: "always", MaximumRetryCount: 0 } });
  const read = await provider.read(id, outs);
  const { __resourceName, __autoname, labels, ...options } = read.inputs!;
  // (memorySwap is not declared and not compared: the engine sets it with memory.)
  expect(options).toEqual({ image: BASE_IMAGE, memory: 96 * 1024 * 1024, restart: { name: "always", maximumRetryCount: 0 }, cpus: 0.5 });
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  // The program's own inputs are a difference again, in place.
  expect(await provider.diff(id, read.props, inputs)).toMatchObject({ changes: true, replaces: [] });
  await provider.delete(id, read.props);
});
