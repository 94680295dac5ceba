// Refresh: inputs reconstructed from inspect, image defaults subtracted, drift visible.
import { docker } from "../support/engine";
import { RICH_IMAGE } from "../support/images";
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
  expect(options).toEqual({
    image: RICH_IMAGE,
    env: { APP_MODE: "staging", EXTRA: "1" },
    memory: 64 * 1024 * 1024,
    cpus: 0.5,
    ports: [{ container: 8080, protocol: "tcp", hostIp: "127.0.0.1", host: 0 }],
    restart: { name: "on-failure", maximumRetryCount: 2 },
    pidsLimit: 70,
  });
  expect(read.props).toMatchObject({ name: outs.name, status: "running", pidsLimit: 70 });

  // The reconstructed inputs are valid and describe the container exactly.
  const { failures } = await provider.check({}, read.inputs!);
  expect(failures).toEqual([]);
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  await provider.delete(id, read.props);
});
