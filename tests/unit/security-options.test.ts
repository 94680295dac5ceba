// Security, namespace and device options: the forms users write, their canonical form, and check failures.
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { check } from "../../provider/container/check";
import { parseDevice, parseDeviceCgroupRule, parseGpus, permissions } from "../../provider/container/options/devices";
import { ipcMode, pidMode } from "../../provider/container/options/namespaces";
import type { Context } from "../../provider/container/options/spec";
import { parseSecurityOpt, securityOpt } from "../../provider/container/options/security-profiles";

const base = { image: "busybox:1", __resourceName: "web" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;
const ctx = (containerIds: Record<string, string> = {}, desired: Record<string, unknown> = {}): Context => ({
  imageRef: "busybox:1",
  image: { id: "sha256:x", config: {} },
  desired,
  daemon: {},
  containerIds,
});
const inspect = (host: Record<string, unknown>) => ({ HostConfig: host }) as any;

describe("securityOpt", () => {
  test("no-new-privileges in every spelling is one entry", () => {
    for (const form of ["no-new-privileges", "no-new-privileges:true", "no-new-privileges=true", "no-new-privileges=1", "no-new-privileges:True"]) {
      expect(parseSecurityOpt([form])).toEqual(["no-new-privileges"]);
    }
    expect(parseSecurityOpt(["no-new-privileges=false"])).toEqual(["no-new-privileges=false"]);
  });

  test("':' separators become '=', the legacy 'disable' is label=disable, entries are sorted and deduplicated", () => {
    expect(parseSecurityOpt(["seccomp:unconfined", "label:disable", "apparmor=unconfined", "disable", "label=user:USER"])).toEqual([
      "apparmor=unconfined",
      "label=disable",
      "label=user:USER",
      "seccomp=unconfined",
    ]);
    expect(parseSecurityOpt(["systempaths=unconfined", "no-new-privileges", "no-new-privileges:true"])).toEqual([
      "no-new-privileges",
      "systempaths=unconfined",
    ]);
  });

  test("a seccomp profile file is read, and compares equal to the same profile inline in another key order", () => {
    const dir = mkdtempSync(join(tmpdir(), "dockwright-seccomp-"));
    const file = join(dir, "profile.json");
    writeFileSync(file, JSON.stringify({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["chmod"], action: "SCMP_ACT_ERRNO" }] }, null, 2));
    const fromFile = parseSecurityOpt([`seccomp=${file}`]);
    expect(fromFile).toEqual(['seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_ERRNO","names":["chmod"]}]}']);
    const inline = parseSecurityOpt(['seccomp={"syscalls":[{"action":"SCMP_ACT_ERRNO","names":["chmod"]}],"defaultAction":"SCMP_ACT_ALLOW"}']);
    expect(inline).toEqual(fromFile);
    expect(securityOpt.show!(fromFile)).toMatch(/^seccomp=<profile of \d+ bytes, sha256 [0-9a-f]{12}>$/);
  });

  test("read: systempaths from empty MaskedPaths/ReadonlyPaths; the label=disable the daemon adds is not drift", () => {
    expect(securityOpt.read(inspect({ SecurityOpt: null, MaskedPaths: [], ReadonlyPaths: [] }), ctx())).toEqual(["systempaths=unconfined"]);
    // Privileged containers hold null paths: not unconfined system paths.
    expect(securityOpt.read(inspect({ Privileged: true, SecurityOpt: ["label=disable"], MaskedPaths: null, ReadonlyPaths: null }), ctx())).toEqual([]);
    expect(securityOpt.read(inspect({ PidMode: "host", SecurityOpt: ["no-new-privileges:true", "label=disable"] }), ctx())).toEqual(["no-new-privileges"]);
    const declared = ctx({}, { securityOpt: ["label=disable"] });
    expect(securityOpt.read(inspect({ IpcMode: "host", SecurityOpt: ["label=disable", "label=disable"] }), declared)).toEqual(["label=disable"]);
    // A path in inspect was not sent by dockwright: kept as it is, never read from this machine.
    expect(securityOpt.read(inspect({ SecurityOpt: ["seccomp=/etc/passwd"] }), ctx())).toEqual(["seccomp=/etc/passwd"]);
  });

  test("write sends systempaths as empty path lists, not as a security option", () => {
    const body = { HostConfig: {} } as any;
    securityOpt.write(body, ["no-new-privileges", "systempaths=unconfined"], ctx());
    expect(body.HostConfig).toEqual({ SecurityOpt: ["no-new-privileges"], MaskedPaths: [], ReadonlyPaths: [] });
  });

  test.each([
    [["bogus"], "securityOpt[0]", /not a security option/],
    [["no-new-privileges=yes"], "securityOpt[0]", /true or false/],
    [["seccomp=/nonexistent/profile.json"], "securityOpt[0]", /cannot read the seccomp profile file.*ENOENT/],
    [["seccomp={not json"], "securityOpt[0]", /not JSON/],
    [["label=bogus"], "securityOpt[0]", /label=disable/],
    [["systempaths=confined"], "securityOpt[0]", /only systempaths value is unconfined/],
    [["selinux=on"], "securityOpt[0]", /unknown security option "selinux"/],
    [["seccomp=unconfined", 'seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'], "securityOpt", /seccomp is given more than once/],
    [["no-new-privileges", "no-new-privileges=false"], "securityOpt", /no-new-privileges is given more than once/],
    ["no-new-privileges", "securityOpt", /expected a list/],
  ])("securityOpt %j fails at %s", (value, property, reason) => {
    expect(failuresOf({ securityOpt: value })).toEqual([{ property, reason: expect.stringMatching(reason) }]);
  });
});

describe("namespace modes", () => {
  test("container:<name> compares as the id inspect reports; an unresolved name stays as written", () => {
    const id = "a".repeat(64);
    expect(pidMode.normalize("container:web", ctx({ web: id }))).toBe(`container:${id}`);
    expect(pidMode.normalize("container:gone", ctx())).toBe("container:gone");
    expect(pidMode.containerRefs!("container:web")).toEqual(["web"]);
    expect(pidMode.containerRefs!("host")).toEqual([]);
    expect(pidMode.read(inspect({ PidMode: "" }), ctx())).toBe("private");
  });

  test("an undeclared ipcMode accepts the daemon's default (private or shareable); host is drift", () => {
    expect(ipcMode.whenUndeclared!(ctx())).toBe("default");
    expect(ipcMode.read(inspect({ IpcMode: "private" }), ctx())).toBe("default");
    expect(ipcMode.read(inspect({ IpcMode: "shareable" }), ctx())).toBe("default");
    expect(ipcMode.read(inspect({ IpcMode: "host" }), ctx())).toBe("host");
    // Declared, the real mode is compared.
    expect(ipcMode.read(inspect({ IpcMode: "private" }), ctx({}, { ipcMode: "shareable" }))).toBe("private");
  });

  test.each([
    [{ pidMode: "bogus" }, "pidMode", /"private", "host", "container:<name\|id>"/],
    [{ pidMode: "container:" }, "pidMode", /container:<name\|id>/],
    [{ ipcMode: "shared" }, "ipcMode", /"private", "shareable", "host", "none", "container:<name\|id>"/],
    [{ utsMode: "container:web" }, "utsMode", /expected "private", "host"$/],
    [{ userns: "remap" }, "userns", /"private", "host"/],
    [{ cgroupnsMode: "none" }, "cgroupnsMode", /"private" or "host"/],
    [{ utsMode: "host", hostname: "box" }, "hostname", /cannot be set with utsMode "host"/],
    [{ utsMode: "host", domainname: "example.internal" }, "domainname", /cannot be set with utsMode "host"/],
    [{ isolation: "process" }, undefined, undefined],
    [{ isolation: "vm" }, "isolation", /"default", or on Windows engines/],
    [{ runtime: "" }, "runtime", /runtime name/],
  ])("%j", (news, property, reason) => {
    const failures = failuresOf(news);
    if (property === undefined) expect(failures).toEqual([]);
    else expect(failures).toEqual([{ property, reason: expect.stringMatching(reason!) }]);
  });
});

describe("devices", () => {
  test("the CLI's forms and the object form", () => {
    const fuse = { pathOnHost: "/dev/fuse", pathInContainer: "/dev/fuse", cgroupPermissions: "rwm" };
    expect(parseDevice("/dev/fuse")).toEqual(fuse);
    expect(parseDevice("/dev/fuse:/dev/fuse:rwm")).toEqual(fuse);
    expect(parseDevice({ pathOnHost: "/dev/fuse" })).toEqual(fuse);
    expect(parseDevice({ pathOnHost: "/dev/fuse", pathInContainer: "/dev/fuse", cgroupPermissions: "mwr" })).toEqual(fuse);
    expect(parseDevice("/dev/fuse:r")).toEqual({ ...fuse, cgroupPermissions: "r" });
    expect(parseDevice("/dev/fuse:/dev/f")).toEqual({ ...fuse, pathInContainer: "/dev/f" });
    expect(parseDevice("/dev/fuse:/dev/f:mr")).toEqual({ pathOnHost: "/dev/fuse", pathInContainer: "/dev/f", cgroupPermissions: "rm" });
    expect(permissions("mw")).toBe("wm");
  });

  test("device cgroup rules", () => {
    expect(parseDeviceCgroupRule("c 1:3 mr")).toBe("c 1:3 rm");
    expect(parseDeviceCgroupRule("a *:*  rwm")).toBe("a *:* rwm");
    expect(parseDeviceCgroupRule("b 8:* r")).toBe("b 8:* r");
  });

  test("gpus: all, a count, a --gpus string or an object", () => {
    const all = { count: -1, deviceIds: [], capabilities: ["gpu"], driver: "" };
    expect(parseGpus("all")).toEqual(all);
    expect(parseGpus({ count: "all" })).toEqual(all);
    expect(parseGpus({})).toEqual(all);
    expect(parseGpus(2)).toEqual({ ...all, count: 2 });
    expect(parseGpus("2")).toEqual({ ...all, count: 2 });
    expect(parseGpus("device=0,2")).toEqual({ ...all, count: 0, deviceIds: ["0", "2"] });
    expect(parseGpus("count=2,capabilities=utility,driver=nvidia")).toEqual({ count: 2, deviceIds: [], capabilities: ["gpu", "utility"], driver: "nvidia" });
    expect(parseGpus({ deviceIds: ["GPU-1"], capabilities: ["compute", "gpu"], driver: "nvidia" })).toEqual({
      count: 0,
      deviceIds: ["GPU-1"],
      capabilities: ["compute", "gpu"],
      driver: "nvidia",
    });
  });

  test.each([
    [{ devices: ["dev/fuse"] }, "devices[0]", /absolute path/],
    [{ devices: ["/dev/fuse:/dev/fuse:rwx"] }, "devices[0]", /some of r, w and m/],
    [{ devices: ["/dev/fuse:/dev/fuse:rrw"] }, "devices[0]", /some of r, w and m/],
    [{ devices: ["/dev/a:/dev/b:rw:x"] }, "devices[0]", /hostPath\[:containerPath\]\[:permissions\]/],
    [{ devices: [{ pathOnHost: "/dev/fuse", cgroupPermissions: "x" }] }, "devices[0]", /permission set/],
    [{ devices: [{ path: "/dev/fuse" }] }, "devices[0]", /pathOnHost/],
    [{ devices: ["/dev/fuse", "/dev/fuse:/dev/fuse:r"] }, "devices[1]", /mapped twice/],
    [{ deviceCgroupRules: ["x 1:3 mr"] }, "deviceCgroupRules[0]", /not a device cgroup rule/],
    [{ deviceCgroupRules: ["c 1:3"] }, "deviceCgroupRules[0]", /"c 1:3 mr"/],
    [{ gpus: 0 }, "gpus", /a GPU count is 1 or more/],
    [{ gpus: "count=x" }, "gpus", /a GPU count is a whole number of 1 or more, or all/],
    [{ gpus: "lots" }, "gpus", /not a GPU request/],
    [{ gpus: "count=2,device=0" }, "gpus", /count and deviceIds cannot both be set/],
    [{ gpus: { count: 1, deviceIds: ["0"] } }, "gpus", /count and deviceIds cannot both be set/],
    [{ gpus: { count: 1, memory: "1g" } }, "gpus", /unknown field 'memory'; expected count, deviceIds/],
  ])("%j fails at %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toEqual({ property, reason: expect.stringMatching(reason) });
  });
});
