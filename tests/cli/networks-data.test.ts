// examples/networks and examples/data under the real Pulumi CLI: a replaced network with both containers moved to
// it in place (the engine orders the updates between the create and the delete), a named volume kept across a
// container replacement, and nothing left after destroy.
import { CliStack, ok, useCliStacks } from "../support/cli";
import { docker, eventually, testLabels, TEST_LABEL } from "../support/engine";
import { execIn } from "../support/exec";
import { BASE_IMAGE } from "../support/images";


const { example } = useCliStacks();

const resource = (stack: CliStack, name: string) => stack.exportState().deployment.resources.find((r: any) => r.urn.endsWith(`::${name}`));
const run = testLabels()[TEST_LABEL];

test("networks: a network change replaces it create-before-delete and moves both containers in place", async () => {
  const stack = example("networks");
  stack.setConfig({ image: BASE_IMAGE, apiName: `dw-cli-${run}-api`, labels: testLabels() });
  expect(ok(await stack.up()).steps).toEqual({ "app-net": "create", api: "create", client: "create" });
  expect(ok(await stack.up()).steps).toEqual({ "app-net": "same", api: "same", client: "same" });
  const oldNet = resource(stack, "app-net");
  const [api, client] = [resource(stack, "api").id, resource(stack, "client").id];
  const pids = async () => Promise.all([api, client].map(async (id: string) => (await docker.getContainer(id).inspect()).State.Pid));
  const before = await pids();

  stack.setConfig({ tier: "web" });
  const preview = ok(await stack.preview({ diff: true }));
  expect(preview.steps).toEqual({ "app-net": "replace", api: "update", client: "update" });
  expect(preview.text).toMatch(/labels: .*"com.example.tier":"app".* -> .*"com.example.tier":"web".* \(replace\)/);
  expect(ok(await stack.up()).steps).toEqual({ "app-net": "replace", api: "update", client: "update" });
  const newNet = resource(stack, "app-net");
  expect(newNet.outputs.name).not.toBe(oldNet.outputs.name);
  await expect(docker.getNetwork(oldNet.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  expect([resource(stack, "api").id, resource(stack, "client").id]).toEqual([api, client]);
  expect(await pids()).toEqual(before);
  expect((await execIn(client, ["wget", "-qO-", "http://api:8080/"])).output).toBe("ok\n");
  ok(await stack.preview({ expectNoChanges: true }));
  ok(await stack.refresh({ expectNoChanges: true }));

  expect(ok(await stack.destroy()).steps).toEqual({ "app-net": "delete", api: "delete", client: "delete" });
  await expect(docker.getNetwork(newNet.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test("data: the volume keeps what the first container wrote when the container is replaced; destroy removes both", async () => {
  const stack = example("data");
  stack.setConfig({ image: BASE_IMAGE, labels: testLabels() });
  expect(ok(await stack.up()).steps).toEqual({ data: "create", app: "create" });
  const volume = resource(stack, "data").id;
  stack.setConfig({ revision: "2" });
  expect(ok(await stack.up()).steps).toEqual({ data: "same", app: "replace" });
  const app = resource(stack, "app").id;
  const seen = await eventually("the second start's line", async () => {
    const out = (await execIn(app, ["cat", "/data/history"])).output;
    return out.includes("revision 2") ? out : undefined;
  });
  expect(seen).toBe("started revision 1\nstarted revision 2\n");
  ok(await stack.refresh({ expectNoChanges: true }));
  expect(ok(await stack.destroy()).steps).toEqual({ data: "delete", app: "delete" });
  await expect(docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 });
});
