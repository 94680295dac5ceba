// Failures injected against the real engine, through the real host: when create cannot produce the declared
// container, nothing is left on the engine or in the state; when the container exists but cannot come up, it stays
// in the state (never orphaned) and the next up resumes it in place.
import { Container, type ContainerArgs } from "dockwright";
import { docker, testLabels } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { useProviderHost } from "../support/fixture";
import { TestStack } from "../support/stack";

const fx = useProviderHost();

const run = testLabels()["dockwright-test"];

/** This run's containers whose name starts with the resource name. */
async function containersOf(resource: string): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`dockwright-test=${run}`] }) });
  return list.flatMap((c) => c.Names).filter((n) => n.startsWith(`/${resource}-`));
}

test.each<[string, Partial<ContainerArgs>, RegExp]>([
  ["refused", { runtime: "no-such-runtime" }, /cannot create container "refused-\w+": Unknown runtime specified no-such-runtime\. Nothing was created/],
  ["dropped", { healthcheck: { test: ["CMD", "true"], startInterval: "2s" } }, /did not keep healthcheck .*nothing was created/],
  // The network is looked up before create: the engine would create the container and fail only at its start.
  ["unjoinable", { networks: ["bridge", `dw-no-such-network-${run}`] }, /cannot create container "unjoinable-\w+": networks: network "dw-no-such-network-\w+" does not exist on the engine\. Nothing was created/],
  ["netless", { networks: [`dw-no-such-network-${run}`] }, /cannot create container "netless-\w+": networks: network "dw-no-such-network-\w+" does not exist on the engine\. Nothing was created/],
  ["modeless", { networkMode: `dw-no-such-network-${run}` }, /cannot create container "modeless-\w+": networkMode: network "dw-no-such-network-\w+" does not exist on the engine\. Nothing was created/],
])("%s: create fails with a clear error and leaves nothing behind", async (resource, args, message) => {
  const stack = new TestStack(fx.host);
  const result = await stack.up(() => {
    new Container(resource, { image: BASE_IMAGE, labels: testLabels(), ...args });
  }, { allowErrors: true });
  expect(result.errors.map((e) => e.message).join("\n")).toMatch(message);
  expect(stack.resource(resource)).toBeUndefined();
  expect(await containersOf(resource)).toEqual([]);
});
