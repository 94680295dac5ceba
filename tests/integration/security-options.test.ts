// Privileges, capabilities, security options, runtime and isolation: idempotent in every form, held by the engine,
// and a change replaces.
import { execIn } from "../support/exec";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
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


const PROFILE = { defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["chmod", "fchmodat"], action: "SCMP_ACT_ERRNO" }] };

test("securityOpt: every spelling, a seccomp profile file, systempaths; held by the engine and in force", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dockwright-seccomp-"));
  const file = join(dir, "profile.json");
  writeFileSync(file, JSON.stringify(PROFILE, null, 2));
  const inputs = await checkedInputs({
    image: BASE_IMAGE,
    securityOpt: ["no-new-privileges:true", `seccomp=${file}`, "apparmor=unconfined", "label:disable", "systempaths=unconfined"],
  });
  const { id, outs } = await provider.create(inputs);
  const info = await docker.getContainer(id).inspect();
  expect(info.State.Running).toBe(true);
  // Sent canonical: "=" separators, bare no-new-privileges, the file's content as compact sorted-key JSON.
  expect(info.HostConfig.SecurityOpt).toEqual([
    "apparmor=unconfined",
    "label=disable",
    "no-new-privileges",
    'seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_ERRNO","names":["chmod","fchmodat"]}]}',
  ]);
  expect(info.HostConfig).toMatchObject({ MaskedPaths: [], ReadonlyPaths: [] });
  const status = (await execIn(id, ["cat", "/proc/self/status"])).output;
  expect(status).toMatch(/NoNewPrivs:\s+1/);
  expect(status).toMatch(/Seccomp:\s+2/);
  expect((await execIn(id, ["chmod", "600", "/tmp"])).output).toMatch(/Operation not permitted/);

  // The same options in other spellings (the profile inline, keys in another order) are no change.
  const inline = JSON.stringify({ syscalls: [{ action: "SCMP_ACT_ERRNO", names: ["chmod", "fchmodat"] }], defaultAction: "SCMP_ACT_ALLOW" });
  const same = await nextInputs(inputs, {
    securityOpt: ["systempaths=unconfined", "label=disable", `seccomp=${inline}`, "apparmor:unconfined", "no-new-privileges"],
  });
  expect((await provider.diff(id, outs, same)).changes).toBe(false);
  // A changed profile file is a change.
  writeFileSync(file, JSON.stringify({ ...PROFILE, defaultAction: "SCMP_ACT_LOG" }));
  expect((await provider.diff(id, outs, inputs)).replaces).toEqual(["securityOpt"]);
  for (const value of [["no-new-privileges"], ["seccomp=unconfined", "no-new-privileges"], []]) {
    expect((await provider.diff(id, outs, await nextInputs(inputs, { securityOpt: value }))).replaces).toEqual(["securityOpt"]);
  }
  const { securityOpt: _s, ...undeclared } = inputs;
  expect((await provider.diff(id, outs, await nextInputs(undeclared, {}))).replaces).toEqual(["securityOpt"]);

  // Refresh gives inputs that describe the container exactly.
  const read = await provider.read(id, outs);
  expect(read.inputs!.securityOpt).toEqual(info.HostConfig.SecurityOpt!.concat("systempaths=unconfined").sort());
  expect((await provider.diff(id, read.props, read.inputs!)).changes).toBe(false);
  await provider.delete(id, outs);
});

test("the label=disable the daemon adds to privileged containers is not drift", async () => {
  // Created, not started: privileged containers cannot start on this sandboxed engine (runc cannot apply caps).
  const inputs = await checkedInputs({ image: BASE_IMAGE, privileged: true, state: "stopped" });
  const { id, outs } = await provider.create(inputs);
  expect((await docker.getContainer(id).inspect()).HostConfig.SecurityOpt).toEqual(["label=disable"]);
  expect((await provider.diff(id, outs, inputs)).changes).toBe(false);
  const declared = await nextInputs(inputs, { securityOpt: ["label=disable"] });
  expect((await provider.diff(id, outs, declared)).changes).toBe(false);
  await provider.delete(id, outs);
});

test("runtime and isolation: undeclared is the daemon's default; another runtime replaces; the engine's refusals", async () => {
  const inputs = await checkedInputs({ image: BASE_IMAGE, state: "stopped" });
  const { id, outs } = await provider.create(inputs);
  expect((await docker.getContainer(id).inspect()).HostConfig).toMatchObject({ Runtime: "runc", Isolation: "" });
  expect((await provider.diff(id, outs, await nextInputs(inputs, { runtime: "runc", isolation: "default" }))).changes).toBe(false);
  const other = await provider.diff(id, outs, await nextInputs(inputs, { runtime: "io.containerd.runc.v2" }));
  expect(other.replaces).toEqual(["runtime"]);
  await provider.delete(id, outs);

  const unknown = await checkedInputs({ image: BASE_IMAGE, runtime: "nope" });
  await expect(provider.create(unknown)).rejects.toThrow(/Unknown runtime specified nope/);
  const windowsOnly = await checkedInputs({ image: BASE_IMAGE, isolation: "hyperv" });
  await expect(provider.create(windowsOnly)).rejects.toThrow(/linux only supports 'default'/);
  const leftover = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [String(unknown.__autoname)] }) });
  expect(leftover).toEqual([]);
});
