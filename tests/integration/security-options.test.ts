// Privileges and capabilities: idempotent in every form, held by the engine, and a change replaces.
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

test("privileged, readOnly, capAdd and capDrop", async () => {
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    privileged: false,
    readOnly: true,
    capAdd: ["net_admin", "CAP_SYS_TIME"],
    capDrop: ["MKNOD", "chown"],
  });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Running).toBe(true);
  expect(info.HostConfig).toMatchObject({ ReadonlyRootfs: true, Privileged: false });
  expect([...(info.HostConfig.CapAdd ?? [])].sort()).toEqual(["CAP_NET_ADMIN", "CAP_SYS_TIME"]);

  // Other spellings and orders of the same sets are no change.
  const same = await nextInputs(inputs, { capAdd: ["SYS_TIME", "NET_ADMIN", "net_admin"], capDrop: ["CAP_CHOWN", "mknod"] });
  expect((await provider.diff(id, outs, same)).changes).toBe(false);

  for (const [key, value] of Object.entries({ privileged: true, readOnly: false, capAdd: ["NET_ADMIN"], capDrop: [] })) {
    const d = await provider.diff(id, outs, await nextInputs(inputs, { [key]: value }));
    expect([key, d.replaces]).toEqual([key, [key]]);
  }
  await provider.delete(id, outs);
});
