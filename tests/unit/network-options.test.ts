import { check } from "../../provider/container/check";
import { planNetworks } from "../../provider/container/network-apply";
import { endpoint, networks } from "../../provider/container/options/networking";

const base = { image: "busybox:1", __resourceName: "web" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;

test.each([
  [{ networks: [] }, "networks", /at least one network.*networkMode: "none"/],
  [{ networks: ["a", { name: "a" }] }, "networks[1]", /listed twice/],
  [{ networks: [{ name: "bridge", aliases: ["x"] }] }, "networks[0]", /user-defined network/],
  [{ networks: ["host"] }, "networks[0]", /networkMode: "host"/],
  [{ networks: [{ name: "a", ipv4Address: "300.1.1.1" }] }, "networks[0].ipv4Address", /IPv4 address/],
  [{ networks: [{ name: "a", alias: ["x"] }] }, "networks[0]", /unknown field 'alias'; expected name, aliases/],
  [{ networks: [{ name: "a", links: ["bad link"] }] }, "networks[0].links[0]", /container:alias/],
  [{ networkMode: "host", networks: ["a"] }, "networks", /cannot be combined with networkMode "host"/],
  [{ networkMode: "none", ports: ["80"] }, "ports", /discards them/],
  [{ networkMode: "container:db", hostname: "x" }, "hostname", /other container's network stack/],
  [{ networkMode: "b", networks: ["a"] }, "networkMode", /must be one of the declared networks/],
  [{ networkMode: "no such/mode" }, "networkMode", /container:<name\|id>/],
  [{ dns: ["dns.example"] }, "dns[0]", /IP address/],
  [{ dnsOptions: ["nd ots"] }, "dnsOptions[0]", /ndots:2/],
  [{ dnsSearch: ["bad domain"] }, "dnsSearch[0]", /domain name/],
  [{ publishAllPorts: "yes" }, "publishAllPorts", /true or false/],
  [{ extraHosts: ["db"] }, "extraHosts[0]", /host:address/],
  [{ extraHosts: { db: "nowhere" } }, "extraHosts.db", /an IP address, or host-gateway/],
  [{ macAddress: "02:42:ac:11:00" }, "macAddress", /MAC address/],
  [{ exposedPorts: ["80/quic"] }, "exposedPorts[0]", /80\/udp/],
  [{ networkDisabled: true, ports: ["80"] }, "ports", /networkDisabled/],
  [{ networkDisabled: true, networks: ["a"] }, "networks", /joins no network/],
])("%j fails on %s", (news, property, reason) => {
  expect(failuresOf(news)).toEqual(expect.arrayContaining([{ property, reason: expect.stringMatching(reason) }]));
});

test("every option of the container's own network stack is refused on another container's stack", () => {
  const own = {
    hostname: "x",
    dns: ["1.1.1.1"],
    dnsOptions: ["ndots:2"],
    dnsSearch: ["example.com"],
    extraHosts: ["db:10.0.0.5"],
    macAddress: "02:42:ac:11:00:02",
    publishAllPorts: true,
    exposedPorts: [80],
  };
  const failures = failuresOf({ networkMode: "container:db", ...own });
  for (const key of Object.keys(own)) {
    expect(failures).toContainEqual({ property: key, reason: `${key} cannot be set with networkMode "container:db": the container uses the other container's network stack` });
  }
  expect(failures).toHaveLength(Object.keys(own).length);
});

test("valid network declarations pass", () => {
  expect(
    failuresOf({
      networkMode: "front",
      networks: ["front", { name: "back", aliases: ["api"], ipv4Address: "10.5.0.2", links: ["db", "cache:redis"] }],
      dns: ["1.1.1.1", "::1"],
      extraHosts: { "db.local": "10.0.0.5", gw: "host-gateway" },
      exposedPorts: [80, "53/udp", "8000-8001"],
    }),
  ).toEqual([]);
});

test("endpoints are canonical: sorted aliases, links as name:alias, default is bridge", () => {
  expect(endpoint({ name: "a", aliases: ["b", "a", "b"], links: ["db"] })).toEqual({
    name: "a", aliases: ["a", "b"], ipv4Address: "", ipv6Address: "", links: ["db:db"],
  });
  const ctx = { imageRef: "x", image: { id: "x", config: {} }, desired: {}, containerIds: {}, daemon: {} };
  expect(networks.normalize(["default", "z", "a"], ctx).map((e) => e.name)).toEqual(["a", "bridge", "z"]);
});

test("a plan connects first, reconnects changed attachments, and disconnects the rest", () => {
  const plan = planNetworks([endpoint("a"), endpoint({ name: "b", aliases: ["x"] })], [endpoint("b"), endpoint("c")]);
  expect(plan).toEqual({ connect: [endpoint("a")], reconnect: [endpoint({ name: "b", aliases: ["x"] })], disconnect: ["c"] });
});
