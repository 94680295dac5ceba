// The option matrix: for each option, a declaration, the same declaration in other accepted forms, a change,
// how the change must be applied, and what the engine must hold afterwards.
import type Docker from "dockerode";

export interface OptionCase {
  /** The option key (a suffix after `#` tells several cases of one option apart). */
  name: string;
  declared: Record<string, unknown>;
  /** The same meaning in other forms (default: `declared` itself). */
  same?: Record<string, unknown>;
  /** Omitted: the option cannot be changed on this machine (e.g. one NUMA node); only idempotency is tested. */
  change?: Record<string, unknown>;
  step?: "update" | "replace";
  /** For replace: the expected `replaces` (default: [name]). */
  replaces?: string[];
  /** The change restarts the process (run state). */
  restarts?: boolean;
  /** Assertions on the engine's state after the change. */
  holds?: (info: Docker.ContainerInspectInfo) => void;
}

interface CaseEnv {
  run: string;
  nets: string[];
  idle: string;
  base: string;
  rich: string;
}

const MB = 1024 * 1024;

export function OPTION_CASES(env: CaseEnv): OptionCase[] {
  const { run, nets, idle } = env;
  const sh = (script: string) => `sh -c "${script}"`;
  return [
    { name: "image", declared: { image: env.base }, change: { image: env.rich }, step: "replace" },
    // An image with its own ENV, LABEL, EXPOSE, VOLUME, HEALTHCHECK, STOPSIGNAL, WORKDIR: nothing is drift.
    {
      name: "image#defaults",
      declared: { image: env.rich },
      same: { image: env.rich, workingDir: "/srv/app/", stopSignal: "usr1", env: { APP_MODE: "production" } },
    },
    { name: "name", declared: { name: `dw-mx-${run}-n1` }, same: { name: `/dw-mx-${run}-n1` }, change: { name: `dw-mx-${run}-n2` }, step: "update",
      holds: (i) => expect(i.Name).toBe(`/dw-mx-${run}-n2`) },
    { name: "command", declared: { command: ["sh", "-c", idle] }, same: { command: sh(idle) }, change: { command: ["sh", "-c", `${idle} `] }, step: "replace" },
    { name: "entrypoint", declared: { entrypoint: ["sh", "-c", idle] }, same: { entrypoint: sh(idle), command: [] }, change: { entrypoint: ["/bin/sh", "-c", idle] }, step: "replace" },
    { name: "env", declared: { env: { A: "1", B: "2" } }, same: { env: ["B=2", "A=1"] }, change: { env: { A: "1" } }, step: "replace",
      holds: (i) => expect(i.Config.Env).toContain("A=1") },
    { name: "labels", declared: { labels: { "x.y": "1" } }, same: { labels: ["x.y=1"] }, change: { labels: { "x.y": "2" } }, step: "replace",
      holds: (i) => expect(i.Config.Labels).toMatchObject({ "x.y": "2" }) },
    { name: "workingDir", declared: { workingDir: "/tmp/" }, same: { workingDir: "/tmp" }, change: { workingDir: "/" }, step: "replace" },
    { name: "user", declared: { user: "nobody" }, change: { user: "0:0" }, step: "replace" },
    { name: "hostname", declared: { hostname: "box" }, change: { hostname: "box2" }, step: "replace" },
    { name: "domainname", declared: { domainname: "example.internal" }, change: { domainname: "example.test" }, step: "replace" },
    { name: "tty", declared: { tty: true }, change: { tty: false }, step: "replace" },
    { name: "stdinOpen", declared: { stdinOpen: true }, change: { stdinOpen: false }, step: "replace" },
    { name: "init", declared: { init: true }, change: { init: false }, step: "replace" },
    { name: "groupAdd", declared: { groupAdd: ["0", "65534"] }, same: { groupAdd: ["65534", "0", "0"] }, change: { groupAdd: ["0"] }, step: "replace" },
    { name: "stopSignal", declared: { stopSignal: "TERM" }, same: { stopSignal: 15 }, change: { stopSignal: "SIGINT" }, step: "replace" },
    { name: "autoRemove", declared: { autoRemove: true }, change: { autoRemove: false }, step: "replace" },
    { name: "stopTimeout", declared: { stopTimeout: 3 }, change: { stopTimeout: 5 }, step: "replace" },
    { name: "memory", declared: { memory: "64m" }, same: { memory: 64 * MB }, change: { memory: "96m" }, step: "update",
      holds: (i) => expect(i.HostConfig.Memory).toBe(96 * MB) },
    { name: "memorySwap", declared: { memory: "64m", memorySwap: "128m" }, same: { memory: "64m", memorySwap: 128 * MB }, change: { memory: "64m", memorySwap: "192m" }, step: "update",
      holds: (i) => expect(i.HostConfig.MemorySwap).toBe(192 * MB) },
    { name: "memoryReservation", declared: { memoryReservation: "32m" }, same: { memoryReservation: "32768k" }, change: { memoryReservation: "48m" }, step: "update",
      holds: (i) => expect(i.HostConfig.MemoryReservation).toBe(48 * MB) },
    { name: "cpus", declared: { cpus: 0.5 }, change: { cpus: 1 }, step: "update", holds: (i) => expect(i.HostConfig.NanoCpus).toBe(1e9) },
    { name: "cpuPeriod", declared: { cpuPeriod: 50000 }, change: { cpuPeriod: 60000 }, step: "update", holds: (i) => expect(i.HostConfig.CpuPeriod).toBe(60000) },
    { name: "cpuQuota", declared: { cpuQuota: 50000 }, change: { cpuQuota: 60000 }, step: "update", holds: (i) => expect(i.HostConfig.CpuQuota).toBe(60000) },
    { name: "cpuShares", declared: { cpuShares: 512 }, change: { cpuShares: 2048 }, step: "update", holds: (i) => expect(i.HostConfig.CpuShares).toBe(2048) },
    { name: "cpusetCpus", declared: { cpusetCpus: "0" }, change: { cpusetCpus: "0-1" }, step: "update", holds: (i) => expect(i.HostConfig.CpusetCpus).toBe("0-1") },
    { name: "cpusetMems", declared: { cpusetMems: "0" } },
    { name: "pidsLimit", declared: { pidsLimit: 100 }, change: { pidsLimit: 200 }, step: "update", holds: (i) => expect(i.HostConfig.PidsLimit).toBe(200) },
    { name: "restart", declared: { restart: "on-failure:3" }, same: { restart: { name: "on-failure", maximumRetryCount: 3 } }, change: { restart: "always" }, step: "update",
      holds: (i) => expect(i.HostConfig.RestartPolicy).toMatchObject({ Name: "always" }) },
    // Not started: the engine here runs without every capability, so a privileged process cannot start.
    { name: "privileged", declared: { privileged: false, state: "stopped" }, change: { privileged: true, state: "stopped" }, step: "replace",
      holds: (i) => expect(i.HostConfig.Privileged).toBe(true) },
    { name: "readOnly", declared: { readOnly: true }, change: { readOnly: false }, step: "replace" },
    { name: "capAdd", declared: { capAdd: ["net_admin"] }, same: { capAdd: ["CAP_NET_ADMIN"] }, change: { capAdd: ["SYS_TIME"] }, step: "replace" },
    { name: "capDrop", declared: { capDrop: ["MKNOD"] }, same: { capDrop: ["cap_mknod"] }, change: { capDrop: [] }, step: "replace" },
    { name: "ports", declared: { ports: ["127.0.0.1::80"] }, same: { ports: [{ container: 80, hostIp: "127.0.0.1" }] }, change: { ports: ["127.0.0.1::81"] }, step: "replace" },
    { name: "networks", declared: { networks: [nets[0]] }, same: { networks: [{ name: nets[0] }] }, change: { networks: [nets[1], { name: nets[0], aliases: ["mx"] }] }, step: "update",
      holds: (i) => expect(Object.keys(i.NetworkSettings.Networks).sort()).toEqual([...nets].sort()) },
    { name: "networkMode", declared: { networkMode: "none" }, change: { networkMode: "bridge" }, step: "replace" },
    { name: "dns", declared: { dns: ["10.0.0.53"] }, change: { dns: ["10.0.0.54"] }, step: "replace" },
    { name: "dnsSearch", declared: { dnsSearch: ["a.internal"] }, change: { dnsSearch: ["b.internal"] }, step: "replace" },
    { name: "dnsOptions", declared: { dnsOptions: ["ndots:2", "timeout:1"] }, same: { dnsOptions: ["timeout:1", "ndots:2"] }, change: { dnsOptions: ["ndots:1"] }, step: "replace" },
    { name: "extraHosts", declared: { extraHosts: { "db.internal": "10.1.2.3" } }, same: { extraHosts: ["db.internal:10.1.2.3"] }, change: { extraHosts: [] }, step: "replace" },
    { name: "macAddress", declared: { macAddress: "02:42:AC:11:00:77" }, same: { macAddress: "02:42:ac:11:00:77" }, change: { macAddress: "02:42:ac:11:00:78" }, step: "replace" },
    { name: "networkDisabled", declared: { networkDisabled: true }, change: { networkDisabled: false }, step: "replace" },
    { name: "publishAllPorts", declared: { publishAllPorts: true, exposedPorts: [7000] }, change: { publishAllPorts: false, exposedPorts: [7000] }, step: "replace" },
    { name: "exposedPorts", declared: { exposedPorts: [7000, "7001/udp"] }, same: { exposedPorts: ["7001/udp", "7000/tcp"] }, change: { exposedPorts: [7000] }, step: "replace" },
    // Storage. Host paths for binds live under the run's folder in /tmp.
    { name: "volumes", declared: { volumes: [`/tmp/dw-mx-${run}/data:/data:ro`] }, same: { volumes: [{ source: `/tmp/dw-mx-${run}/data/`, target: "/data", readOnly: true }] },
      change: { volumes: [`/tmp/dw-mx-${run}/data:/data`] }, step: "replace", holds: (i) => expect(i.HostConfig.Binds).toEqual([`/tmp/dw-mx-${run}/data:/data`]) },
    { name: "mounts", declared: { mounts: [{ type: "tmpfs", target: "/run/x", tmpfsOptions: { size: "16m" } }] }, same: { mounts: ["type=tmpfs,target=/run/x,tmpfs-size=16m"] },
      change: { mounts: [{ type: "tmpfs", target: "/run/x", tmpfsOptions: { size: "32m" } }] }, step: "replace" },
    { name: "tmpfs", declared: { tmpfs: { "/cache": "size=16m" } }, same: { tmpfs: ["/cache:size=16m"] }, change: { tmpfs: { "/cache": "size=32m" } }, step: "replace" },
    { name: "volumeDriver", declared: { volumeDriver: "local" } },
    // Kernel and cgroup settings.
    { name: "memorySwappiness", declared: { memorySwappiness: 10 }, change: { memorySwappiness: 20 }, step: "replace", holds: (i) => expect(i.HostConfig.MemorySwappiness).toBe(20) },
    { name: "cpuRtPeriod", declared: { cpuRtPeriod: 500000 }, change: { cpuRtPeriod: 600000 }, step: "replace" },
    { name: "oomKillDisable", declared: { memory: "64m", oomKillDisable: true }, change: { memory: "64m", oomKillDisable: false }, step: "replace" },
    { name: "oomScoreAdj", declared: { oomScoreAdj: 100 }, change: { oomScoreAdj: 200 }, step: "replace" },
    { name: "shmSize", declared: { shmSize: "128m" }, same: { shmSize: 128 * MB }, change: { shmSize: "256m" }, step: "replace", holds: (i) => expect(i.HostConfig.ShmSize).toBe(256 * MB) },
    { name: "ulimits", declared: { ulimits: ["nofile=1024:2048"] }, same: { ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }] }, change: { ulimits: ["nofile=1024:4096"] }, step: "replace" },
    { name: "sysctls", declared: { sysctls: { "net.core.somaxconn": "1024" } }, same: { sysctls: ["net.core.somaxconn=1024"] }, change: { sysctls: { "net.core.somaxconn": "2048" } }, step: "replace" },
    { name: "kernelMemory", declared: { kernelMemory: "64m" }, same: { kernelMemory: 64 * MB }, change: { kernelMemory: "96m" }, step: "replace" },
    // Security, namespaces, devices.
    { name: "securityOpt", declared: { securityOpt: ["no-new-privileges"] }, same: { securityOpt: ["no-new-privileges:true"] }, change: { securityOpt: ["seccomp=unconfined"] }, step: "replace" },
    { name: "pidMode", declared: { pidMode: "host" }, change: { pidMode: "private" }, step: "replace" },
    { name: "ipcMode", declared: { ipcMode: "none" }, change: { ipcMode: "private" }, step: "replace" },
    { name: "utsMode", declared: { utsMode: "host" }, change: { utsMode: "private" }, step: "replace" },
    { name: "userns", declared: { userns: "host" }, change: { userns: "private" }, step: "replace" },
    { name: "cgroupnsMode", declared: { cgroupnsMode: "private" }, change: { cgroupnsMode: "host" }, step: "replace" },
    { name: "runtime", declared: { runtime: "runc" } },
    { name: "isolation", declared: { isolation: "default" } },
    { name: "devices", declared: { devices: ["/dev/zero:/dev/myzero"] }, same: { devices: [{ pathOnHost: "/dev/zero", pathInContainer: "/dev/myzero", cgroupPermissions: "rwm" }] },
      change: { devices: ["/dev/zero:/dev/myzero:r"] }, step: "replace" },
    { name: "deviceCgroupRules", declared: { deviceCgroupRules: ["c 1:3 mr"] }, change: { deviceCgroupRules: ["c 1:5 mr"] }, step: "replace" },
    // Health, logs, platform.
    { name: "healthcheck", declared: { healthcheck: { test: ["CMD", "true"], interval: "5s" } }, same: { healthcheck: { test: ["CMD", "true"], interval: 5e9 } },
      change: { healthcheck: { test: "true", interval: "5s" } }, step: "replace", holds: (i) => expect(i.Config.Healthcheck?.Test).toEqual(["CMD-SHELL", "true"]) },
    { name: "healthcheck#disabled", declared: { image: env.rich, healthcheck: false }, same: { image: env.rich, healthcheck: { test: "NONE" } },
      change: { image: env.rich }, step: "replace", replaces: ["healthcheck"] },
    { name: "logDriver", declared: { logDriver: "local" }, change: { logDriver: "json-file" }, step: "replace" },
    { name: "logOptions", declared: { logOptions: { "max-size": "10m", "max-file": 3 } }, same: { logOptions: ["max-file=3", "max-size=10m"] },
      change: { logOptions: { "max-size": "20m", "max-file": 3 } }, step: "replace" },
    { name: "platform", declared: { platform: "linux/amd64" }, same: { platform: "linux/x86_64" } },
    { name: "state", declared: { state: "paused" }, change: { state: "running" }, step: "update", restarts: false,
      holds: (i) => expect(i.State).toMatchObject({ Running: true, Paused: false }) },
    { name: "state#stopped", declared: { state: "stopped" }, change: { state: "running" }, step: "update", restarts: true,
      holds: (i) => expect(i.State.Running).toBe(true) },
  ];
}
