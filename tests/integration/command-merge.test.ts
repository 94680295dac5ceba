// entrypoint and command follow Docker's merge with the image (daemon/create.go): with no entrypoint sent the image's
// stays; when the entrypoint sent is empty (not sent, or []) and so is the command, the command is the image's CMD.
// So `entrypoint: []` clears the entrypoint and keeps the image's CMD, and `command: []` is the image's CMD unless a
// non-empty entrypoint is declared. Create, diff and refresh all agree with what the engine made.
import { docker } from "../support/engine";
import { BASE_IMAGE, IDLE_SCRIPT } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const IMAGE_CMD = ["sh", "-c", IDLE_SCRIPT]; // BASE_IMAGE has this CMD and no ENTRYPOINT

test.each([
  ["entrypoint: [] (clears the entrypoint, keeps the image's CMD)", { entrypoint: [] }, [], IMAGE_CMD],
  ["command: [] (the image's CMD)", { command: [] }, [], IMAGE_CMD],
  ["entrypoint: [] and command: [] (the image's CMD)", { entrypoint: [], command: [] }, [], IMAGE_CMD],
  ["an entrypoint and command: [] (no command)", { entrypoint: ["sh", "-c", IDLE_SCRIPT], command: [] }, ["sh", "-c", IDLE_SCRIPT], []],
  ["an entrypoint only (no command)", { entrypoint: ["sh", "-c", IDLE_SCRIPT] }, ["sh", "-c", IDLE_SCRIPT], []],
])("%s: created and running as Docker makes it, no difference, refreshed as declared", async (_what, declared, entrypoint, command) => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, ...declared });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Running).toBe(true);
  expect([info.Config.Entrypoint ?? [], info.Config.Cmd ?? []]).toEqual([entrypoint, command]);
  expect(await provider.diff(id, outs, await nextInputs(inputs, {}))).toMatchObject({ changes: false });
  const read = await provider.read(id, outs);
  expect(read.inputs).toEqual(inputs);
  await provider.delete(id, outs);
});

test("declaring the image's own CMD, or leaving command out, is no change from command: []", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, command: [] });
  const { id, outs } = await provider.create(inputs);
  for (const next of [{ command: IMAGE_CMD }, { command: undefined }]) {
    expect(await provider.diff(id, outs, await nextInputs(inputs, next))).toMatchObject({ changes: false });
  }
  // Another command is a change.
  expect((await provider.diff(id, outs, await nextInputs(inputs, { command: ["sh", "-c", "sleep 1"] }))).replaces).toEqual(["command"]);
  await provider.delete(id, outs);
});
