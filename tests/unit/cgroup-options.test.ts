// Kernel and cgroup options: every accepted form reaches one canonical value; bad values fail check, naming the property.
import { check, deprecationWarnings } from "../../provider/container/check";
import type { Context } from "../../provider/container/options/spec";
import { OPTIONS } from "../../provider/container/options";
import { parseUlimit } from "../../provider/container/options/ulimits";
import { sysctlNamespace } from "../../provider/container/options/sysctls";

const base = { image: "busybox:1", __resourceName: "web" };
const ctx: Context = { imageRef: "busybox:1", image: { id: "sha256:x", config: {} }, desired: {}, containerIds: {}, daemon: {} };
const option = (key: string) => OPTIONS.find((o) => o.key === key)!;
const normalize = (key: string, value: unknown) => option(key).normalize(value, ctx);

function failuresOf(news: Record<string, unknown>) {
  return check({}, { ...base, ...news }).failures;
}

describe("forms", () => {
  test("device throttles: strings, objects, one string or a list, sizes in any unit, sorted by path", () => {
    const canonical = [
      { path: "/dev/sda", rate: 1048576 },
      { path: "/dev/sdb", rate: 2097152 },
    ];
    expect(normalize("deviceReadBps", ["/dev/sdb:2mb", "/dev/sda:1m"])).toEqual(canonical);
    expect(normalize("deviceReadBps", [{ path: "/dev/sdb", rate: "2048k" }, { path: "/dev/sda", rate: 1048576 }])).toEqual(canonical);
    expect(normalize("deviceWriteBps", "/dev/sda:1mb")).toEqual([canonical[0]]);
    expect(normalize("deviceReadIops", ["/dev/sda:1000"])).toEqual([{ path: "/dev/sda", rate: 1000 }]);
    expect(normalize("deviceWriteIops", [{ path: "/dev/sda", rate: "500" }])).toEqual([{ path: "/dev/sda", rate: 500 }]);
    expect(normalize("blkioWeightDevice", "/dev/sda:200")).toEqual([{ path: "/dev/sda", weight: 200 }]);
    expect(normalize("blkioWeightDevice", [{ path: "/dev/sda", weight: 200 }])).toEqual([{ path: "/dev/sda", weight: 200 }]);
  });

  test("the canonical value is itself an accepted input (refresh round-trips)", () => {
    const values: Record<string, unknown> = {
      deviceReadBps: ["/dev/sda:1mb"],
      blkioWeightDevice: ["/dev/sda:300"],
      ulimits: ["nofile=1024:2048"],
      sysctls: ["net.core.somaxconn=1024"],
      shmSize: "128m",
      kernelMemory: "64m",
    };
    for (const [key, value] of Object.entries(values)) {
      const spec = option(key);
      const canonical = normalize(key, value);
      const input = spec.toInput ? spec.toInput(canonical) : canonical;
      expect([key, spec.schema.safeParse(input).success]).toEqual([key, true]);
      expect(normalize(key, input)).toEqual(canonical);
    }
  });

  test("ulimits: name=soft[:hard], objects, any case; hard defaults to soft; -1 is unlimited", () => {
    expect(parseUlimit("nofile=1024:2048")).toEqual({ name: "nofile", soft: 1024, hard: 2048 });
    expect(parseUlimit("NPROC=512")).toEqual({ name: "nproc", soft: 512, hard: 512 });
    expect(parseUlimit({ name: "Core", soft: 0, hard: -1 })).toEqual({ name: "core", soft: 0, hard: -1 });
    expect(parseUlimit({ name: "memlock", soft: -1 })).toEqual({ name: "memlock", soft: -1, hard: -1 });
    expect(normalize("ulimits", ["nproc=512", { name: "NOFILE", soft: 1024, hard: 2048 }])).toEqual([
      { name: "nofile", soft: 1024, hard: 2048 },
      { name: "nproc", soft: 512, hard: 512 },
    ]);
  });

  test("sysctls: map or key=value list, numbers as strings, sorted", () => {
    const canonical = { "kernel.shmmax": "1000000", "net.core.somaxconn": "1024" };
    expect(normalize("sysctls", { "net.core.somaxconn": 1024, "kernel.shmmax": "1000000" })).toEqual(canonical);
    expect(normalize("sysctls", ["net.core.somaxconn=1024", "kernel.shmmax=1000000"])).toEqual(canonical);
  });

  test("sysctl namespaces follow runc's rules", () => {
    expect(sysctlNamespace("net.ipv4.ip_forward")).toBe("net");
    expect(sysctlNamespace("kernel.shmmax")).toBe("ipc");
    expect(sysctlNamespace("fs.mqueue.msg_max")).toBe("ipc");
    expect(sysctlNamespace("kernel.domainname")).toBe("uts");
    expect(sysctlNamespace("kernel.hostname")).toEqual({ refused: expect.stringMatching(/set hostname instead/) });
    expect(sysctlNamespace("vm.swappiness")).toEqual({ refused: expect.stringMatching(/not in a namespace/) });
  });

  test("sizes and defaults: shmSize in bytes, the daemon's when undeclared (not compared); memorySwappiness unset is -1", () => {
    expect(normalize("shmSize", "128m")).toBe(134217728);
    expect(normalize("shmSize", 1048576)).toBe(1048576);
    // A daemon with default-shm-size gives every container its own default, which GET /info does not report.
    expect(option("shmSize").whenUndeclared).toBeUndefined();
    expect(option("memorySwappiness").whenUndeclared!(ctx)).toBe(-1);
    expect(normalize("kernelMemory", "64m")).toBe(67108864);
  });

  test("inspect's unset forms read as the undeclared value", () => {
    const info = { HostConfig: { MemorySwappiness: null, ShmSize: 0, KernelMemory: null, Ulimits: null, Sysctls: null, BlkioDeviceReadBps: null } };
    for (const key of ["memorySwappiness", "kernelMemory", "ulimits", "sysctls", "deviceReadBps", "cpuRtRuntime", "oomScoreAdj", "cgroupParent"]) {
      const spec = option(key);
      expect([key, spec.read(info as never, ctx)]).toEqual([key, spec.whenUndeclared!(ctx)]);
    }
  });

  test("every option here replaces on change", () => {
    const keys = ["memorySwappiness", "cpuRtPeriod", "cpuRtRuntime", "blkioWeight", "blkioWeightDevice", "deviceReadBps", "deviceWriteBps",
      "deviceReadIops", "deviceWriteIops", "oomKillDisable", "oomScoreAdj", "shmSize", "ulimits", "sysctls", "cgroupParent", "kernelMemory"];
    expect(keys.map((k) => [k, option(k).apply])).toEqual(keys.map((k) => [k, "replace"]));
  });
});

describe("check", () => {
  test("valid values of every option pass", () => {
    expect(
      failuresOf({
        memorySwappiness: 0,
        cpuRtPeriod: 1000000,
        cpuRtRuntime: 950000,
        blkioWeight: 500,
        blkioWeightDevice: ["/dev/sda:200"],
        deviceReadBps: "/dev/sda:1mb",
        deviceWriteBps: [{ path: "/dev/sda", rate: "2mb" }],
        deviceReadIops: ["/dev/sda:1000"],
        deviceWriteIops: [{ path: "/dev/sda", rate: 500 }],
        oomKillDisable: true,
        memory: "64m",
        oomScoreAdj: -500,
        shmSize: "128m",
        ulimits: ["nofile=1024:2048", { name: "nproc", soft: 512 }],
        sysctls: { "net.core.somaxconn": "1024", "kernel.shmmax": 1000000, "kernel.domainname": "example.org" },
        cgroupParent: "/batch",
        kernelMemory: "64m",
      }),
    ).toEqual([]);
  });

  test.each([
    [{ memorySwappiness: 101 }, "memorySwappiness", /0 to 100/],
    [{ memorySwappiness: -1 }, "memorySwappiness", /0 to 100/],
    [{ memorySwappiness: 1.5 }, "memorySwappiness", /whole number/],
    [{ cpuRtPeriod: 0 }, "cpuRtPeriod", /more than 0/],
    [{ cpuRtRuntime: -1 }, "cpuRtRuntime", /more than 0/],
    [{ cpuRtRuntime: "950000" }, "cpuRtRuntime", /microseconds/],
    [{ cpuRtPeriod: 1000, cpuRtRuntime: 2000 }, "cpuRtRuntime", /cannot be more than cpuRtPeriod \(1000\)/],
    [{ cpuRtRuntime: 2000000 }, "cpuRtRuntime", /default cpuRtPeriod of 1000000/],
    [{ blkioWeight: 5 }, "blkioWeight", /10 to 1000/],
    [{ blkioWeightDevice: ["/dev/sda:5"] }, "blkioWeightDevice[0]", /10 to 1000/],
    [{ blkioWeightDevice: ["sda:200"] }, "blkioWeightDevice[0]", /under \/dev/],
    [{ blkioWeightDevice: [{ path: "/dev/sda", rate: 1 }] }, "blkioWeightDevice[0]", /\{path, weight\}/],
    [{ deviceReadBps: ["/dev/sda"] }, "deviceReadBps[0]", /"\/dev\/<device>:<rate>"/],
    [{ deviceReadBps: ["/dev/sda:fast"] }, "deviceReadBps[0]", /not a size/],
    [{ deviceWriteBps: ["/dev/sda:0"] }, "deviceWriteBps[0]", /more than 0/],
    [{ deviceReadBps: ["/dev/sda:1mb", { path: "/dev/sda", rate: 5 }] }, "deviceReadBps[1]", /listed twice/],
    [{ deviceReadIops: ["/dev/sda:1k"] }, "deviceReadIops[0]", /whole number/],
    [{ deviceWriteIops: [{ path: "/tmp/x", rate: 5 }] }, "deviceWriteIops[0].path", /under \/dev/],
    [{ deviceWriteIops: 7 }, "deviceWriteIops", /a list of such strings/],
    [{ oomKillDisable: "yes" }, "oomKillDisable", /true or false/],
    [{ oomScoreAdj: 2000 }, "oomScoreAdj", /-1000 to 1000/],
    [{ shmSize: "big" }, "shmSize", /not a size/],
    [{ shmSize: 0 }, "shmSize", /at least 1 byte/],
    [{ ulimits: "nofile=1024" }, "ulimits", /list of ulimits/],
    [{ ulimits: ["nofile"] }, "ulimits[0]", /name=soft\[:hard\]/],
    [{ ulimits: ["bogus=1"] }, "ulimits[0]", /not a ulimit the engine knows.*nofile/],
    [{ ulimits: ["nofile=4096:2048"] }, "ulimits[0]", /soft limit 4096 is above the hard limit 2048/],
    [{ ulimits: ["nofile=-1:2048"] }, "ulimits[0]", /soft limit -1 is above/],
    [{ ulimits: ["nofile=-2"] }, "ulimits[0]", /-1 for unlimited/],
    [{ ulimits: ["nofile=1", "NOFILE=2"] }, "ulimits[1]", /listed twice/],
    [{ ulimits: [{ name: "nofile", hard: 1 }] }, "ulimits[0]", /name=soft/],
    [{ sysctls: { "vm.swappiness": "1" } }, 'sysctls["vm.swappiness"]', /vm.swappiness' is not in a namespace of its own/],
    [{ sysctls: ["kernel.hostname=x"] }, "sysctls[0]", /set hostname instead/],
    [{ sysctls: ["net.core.somaxconn"] }, "sysctls[0]", /key=value/],
    [{ sysctls: { "bad key": "1" } }, 'sysctls["bad key"]', /not a kernel parameter name/],
    [{ sysctls: "net.core.somaxconn=1" }, "sysctls", /map of kernel parameters/],
    [{ networkMode: "host", sysctls: { "net.core.somaxconn": "1024" } }, "sysctls", /net.core.somaxconn cannot be set with networkMode "host"/],
    [{ cgroupParent: "" }, "cgroupParent", /must not be empty/],
    [{ cgroupParent: "../escape" }, "cgroupParent", /without '\.\.'/],
    [{ kernelMemory: "4m" }, "kernelMemory", /at least 6m/],
  ])("%j fails on %s", (news, property, reason) => {
    const failure = failuresOf(news).find((f) => f.property === property);
    expect(failure?.reason).toMatch(reason);
  });

  test("IPC and UTS parameters are refused when the container shares that namespace with the host", () => {
    // Called directly: ipcMode and utsMode are declared by the security options.
    const crossCheck = option("sysctls").crossCheck!;
    expect(crossCheck({ ipcMode: "host", sysctls: ["fs.mqueue.msg_max=20", "net.core.somaxconn=1"] })).toEqual([
      { property: "sysctls", reason: expect.stringMatching(/fs.mqueue.msg_max cannot be set with ipcMode "host": .*IPC namespace/) },
    ]);
    expect(crossCheck({ utsMode: "host", sysctls: { "kernel.domainname": "a.b" } })).toEqual([
      { property: "sysctls", reason: expect.stringMatching(/kernel.domainname cannot be set with utsMode "host"/) },
    ]);
    // Another container's namespace is not the host's: the engine allows it.
    expect(crossCheck({ networkMode: "container:db", ipcMode: "container:db", sysctls: { "net.core.somaxconn": "1", "kernel.shmmax": "1" } })).toEqual([]);
  });

  test("a kernelMemory declaration warns that it is deprecated", () => {
    expect(deprecationWarnings({ ...base, kernelMemory: "64m" })).toEqual([
      expect.stringMatching(/container "web": kernelMemory is deprecated: .*use memory instead/),
    ]);
    expect(deprecationWarnings({ ...base, shmSize: "64m" })).toEqual([]);
  });
});
