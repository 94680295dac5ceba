// Process options: every accepted form is idempotent (image defaults included); every change replaces.
import { docker } from "../support/engine";
import { BASE_IMAGE, RICH_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const declared = {
  workingDir: "/tmp/",
  user: "nobody",
  hostname: "box",
  domainname: "example.internal",
  tty: true,
  stdinOpen: true,
  init: true,
  groupAdd: ["65534", "0"],
  stopSignal: "TERM",
  stopTimeout: 3,
};

test("set, the same again in other forms is no change, and the engine holds each value", async () => {
  // Created, not started: these are creation settings, and the idle process is beside the point here.
  const inputs = await checkedInputs({ image: BASE_IMAGE, ...declared, state: "stopped" });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.Config).toMatchObject({
    WorkingDir: "/tmp",
    User: "nobody",
    Hostname: "box",
    Domainname: "example.internal",
    Tty: true,
    OpenStdin: true,
    StopSignal: "SIGTERM",
    StopTimeout: 3,
  });
  expect(info.HostConfig).toMatchObject({ Init: true, GroupAdd: ["0", "65534"] });
  const otherForms = await nextInputs(inputs, { workingDir: "/tmp", stopSignal: 15, groupAdd: ["0", "65534"] });
  expect(await provider.diff(id, outs, otherForms)).toMatchObject({ changes: false });

  const changes: Record<string, unknown> = {
    workingDir: "/",
    user: "root",
    hostname: "other",
    domainname: "example.test",
    tty: false,
    stdinOpen: false,
    init: false,
    groupAdd: ["0"],
    stopSignal: "SIGINT",
    stopTimeout: 5,
  };
  for (const [key, value] of Object.entries(changes)) {
    const d = await provider.diff(id, outs, await nextInputs(inputs, { [key]: value }));
    expect([key, d.replaces]).toEqual([key, [key]]);
  }
  // Removing a declared value is a change too (back to the image's or the engine's default).
  const { stopTimeout: _t, ...withoutTimeout } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(withoutTimeout, {}))).replaces).toEqual(["stopTimeout"]);
  await provider.delete(id, outs);
});

test("the image's WORKDIR, STOPSIGNAL and USER are inherited, not drift; declaring them equal is no change", async () => {
  const inputs = await checkedInputs({ image: RICH_IMAGE });
  const { id, outs } = await provider.create(inputs);
  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  const same = await nextInputs(inputs, { workingDir: "/srv/app/", stopSignal: "usr1" });
  expect((await provider.diff(id, outs, same)).changes).toBe(false);
  await provider.delete(id, outs);
});
