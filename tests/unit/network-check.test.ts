import { check } from "../../provider/network/check";
import { changedInputs } from "../../provider/network/inputs";
import { canonicalCidr, contains, parseAddress, parseCidr, within } from "../../provider/shared/cidr";
import { UNKNOWN } from "../../provider/unknown";

const base = { __resourceName: "net" };

function failuresOf(news: Record<string, unknown>) {
  return check({}, { ...base, ...news }).failures;
}

describe("Network check", () => {
  test("valid inputs have no failures and keep their values", () => {
    const news = {
      ...base,
      name: "app-net",
      driver: "bridge",
      internal: true,
      attachable: false,
      enableIpv6: true,
      ipam: {
        driver: "default",
        config: [
          { subnet: "10.10.0.0/16", ipRange: "10.10.5.0/24", gateway: "10.10.0.1", auxAddresses: { router: "10.10.0.2" } },
          { subnet: "fd00:10::/64", gateway: "fd00:10::1" },
        ],
        options: { a: "b" },
      },
      options: { "com.docker.network.bridge.name": "br-app" },
      labels: ["team=web"],
      adopt: true,
    };
    const result = check({}, news);
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual(news);
  });

  test.each([
    [{ ipam: { config: [{ subnet: "10.10.0.0" }] } }, "ipam.config[0].subnet", /"10.10.0.0" is not a subnet in CIDR notation/],
    [{ ipam: { config: [{ subnet: "10.10.0.0/33" }] } }, "ipam.config[0].subnet", /not a subnet in CIDR notation/],
    [{ ipam: { config: [{ subnet: "10.10.3.7/16" }] } }, "ipam.config[0].subnet", /host bits set: write 10.10.0.0\/16/],
    [{ ipam: { config: [{ subnet: "fd00:10::1/64" }] } }, "ipam.config[0].subnet", /host bits set: write fd00:10::\/64/],
    [{ ipam: { config: [{ subnet: "10.10.0.0/16", gateway: "10.11.0.1" }] } }, "ipam.config[0].gateway", /the gateway 10.11.0.1 is outside the subnet 10.10.0.0\/16/],
    [{ ipam: { config: [{ subnet: "10.10.0.0/16", gateway: "fd00::1" }] } }, "ipam.config[0].gateway", /outside the subnet/],
    [{ ipam: { config: [{ subnet: "10.10.0.0/16", gateway: "gw" }] } }, "ipam.config[0].gateway", /"gw" is not an IP address/],
    [{ ipam: { config: [{ subnet: "10.10.0.0/16", ipRange: "10.0.0.0/8" }] } }, "ipam.config[0].ipRange", /address range 10.0.0.0\/8 is outside/],
    [{ ipam: { config: [{ subnet: "10.10.0.0/16", auxAddresses: { r: "10.9.0.2" } }] } }, "ipam.config[0].auxAddresses.r", /auxiliary address of "r" 10.9.0.2 is outside/],
    [{ ipam: { config: [{ subnet: "10.10.0.0/16", gatway: "10.10.0.1" }] } }, "ipam.config[0]", /unknown key "gatway"; expected subnet, ipRange, gateway/],
    [{ ipam: { config: "10.10.0.0/16" } }, "ipam.config", /expected a list of \{subnet/],
    [{ ipam: { config: [], drivr: "x" } }, "ipam", /unknown key "drivr"/],
    [{ name: "bridge" }, "name", /predefined networks/],
    [{ name: "-net" }, "name", /starts with a letter or digit/],
    [{ driver: "" }, "driver", /expected a driver name/],
    [{ internal: "yes" }, "internal", /expected true/],
    [{ labels: ["novalue"] }, "labels[0]", /KEY=value/],
    [{ options: 3 }, "options", /expected a map of strings/],
    [{ adopt: true }, "adopt", /set name too/],
    [{ subnet: "10.0.0.0/8" }, "subnet", /"subnet" is not a Network input; expected one of name, driver/],
    [{ host: "ftp://x" }, "host", /./],
  ])("%j fails naming %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures.map((f) => f.property)).toContain(property);
    expect(failures.find((f) => f.property === property)!.reason).toMatch(reason);
  });

  test("values not known yet pass through unchecked", () => {
    expect(failuresOf({ ipam: { config: [{ subnet: UNKNOWN, gateway: "10.0.0.1" }] }, labels: UNKNOWN, driver: UNKNOWN })).toEqual([]);
  });

  test("a generated name is kept between runs and renewed when an input changes (the replacement exists beside the old one)", () => {
    const first = check({}, { ...base, labels: { a: "1" } }).inputs;
    expect(first.__autoname).toMatch(/^net-[a-z0-9]{7}$/);
    const same = check(first, { ...base, labels: ["a=1"] }).inputs;
    expect(same.__autoname).toBe(first.__autoname);
    const changed = check(first, { ...base, labels: { a: "2" } }).inputs;
    expect(changed.__autoname).toMatch(/^net-[a-z0-9]{7}$/);
    expect(changed.__autoname).not.toBe(first.__autoname);
    expect(check({}, { ...base, name: "fixed" }).inputs.__autoname).toBeUndefined();
  });

  test("equivalent forms are no change; the engine's defaults equal omitted inputs", () => {
    const olds = { __autoname: "net-abc", name: "net-abc", driver: "bridge", labels: { a: "1" }, ipam: { config: [{ subnet: "FD00::/64" }] } };
    const news = { __autoname: "net-abc", internal: false, labels: ["a=1"], ipam: { driver: "default", config: [{ subnet: "fd00:0::/64" }] } };
    expect(changedInputs(olds, news)).toEqual([]);
    expect(changedInputs(olds, { ...news, attachable: true })).toEqual(["attachable"]);
    expect(changedInputs({ name: "a" }, { name: "b" })).toEqual(["name"]);
  });
});

describe("CIDR blocks", () => {
  test("containment for IPv4 and IPv6", () => {
    const v4 = parseCidr("10.10.0.0/16")!;
    expect(contains(v4, parseAddress("10.10.255.1")!)).toBe(true);
    expect(contains(v4, parseAddress("10.11.0.1")!)).toBe(false);
    const v6 = parseCidr("fd00:10::/64")!;
    expect(contains(v6, parseAddress("fd00:10::ffff:1")!)).toBe(true);
    expect(contains(v6, parseAddress("fd00:11::1")!)).toBe(false);
    expect(contains(v6, parseAddress("10.10.0.1")!)).toBe(false);
    expect(within(v4, parseCidr("10.10.4.0/24")!)).toBe(true);
    expect(within(parseCidr("10.10.4.0/24")!, v4)).toBe(false);
    expect(parseCidr("::ffff:10.0.0.0/120")).toEqual({ family: 6, base: 0xffff0a000000n, prefix: 120 });
  });

  test("one spelling per block", () => {
    expect(canonicalCidr("FD00:0:0::/64")).toBe("fd00::/64");
    expect(canonicalCidr("fd00:1:0:0:0:0:0:1/128")).toBe("fd00:1::1/128");
    expect(canonicalCidr("10.1.0.0/16")).toBe("10.1.0.0/16");
  });
});
