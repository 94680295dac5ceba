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
    { name: "user", declared: { user: "0:0" }, change: { user: "root" }, step: "replace" },
    { name: "hostname", declared: { hostname: "box" }, change: { hostname: "box2" }, step: "replace" },
    { name: "domainname", declared: { domainname: "example.internal" }, change: { domainname: "example.test" }, step: "replace" },
    { name: "tty", declared: { tty: true }, change: { tty: false }, step: "replace" },
    { name: "stdinOpen", declared: { stdinOpen: true }, change: { stdinOpen: false }, step: "replace" },
    { name: "init", declared: { init: true }, change: { init: false }, step: "replace" },
    { name: "groupAdd", declared: { groupAdd: ["0", "65534"] }, same: { groupAdd: ["65534", "0", "0"] }, change: { groupAdd: ["0"] }, step: "replace" },
    { name: "stopSignal", declared: { stopSignal: "TERM" }, same: { stopSignal: 15 }, change: { stopSignal: "SIGINT" }, step: "replace" },
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
    { name: "state", declared: { state: "paused" }, change: { state: "running" }, step: "update", restarts: false,
      holds: (i) => expect(i.State).toMatchObject({ Running: true, Paused: false }) },
    { name: "state#stopped", declared: { state: "stopped" }, change: { state: "running" }, step: "update", restarts: true,
      holds: (i) => expect(i.State.Running).toBe(true) },
  ];
}
