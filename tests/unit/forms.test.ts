import { parseKeyValues } from "../../provider/container/forms/key-values";
import { parsePort } from "../../provider/container/forms/ports";
import { splitCommand } from "../../provider/container/forms/command-line";
import { parseSize } from "../../provider/container/forms/size";
import { parseRestart } from "../../provider/container/forms/restart";

describe("parsePort", () => {
  test.each([
    ["80", [{ container: 80, protocol: "tcp", hostIp: "", host: 0 }]],
    ["8080:80", [{ container: 80, protocol: "tcp", hostIp: "", host: 8080 }]],
    ["127.0.0.1:8080:80/udp", [{ container: 80, protocol: "udp", hostIp: "127.0.0.1", host: 8080 }]],
    ["127.0.0.1::80", [{ container: 80, protocol: "tcp", hostIp: "127.0.0.1", host: 0 }]],
    // 0.0.0.0 is every IPv4 address only: it is not "" (both families), which would publish wider than asked.
    ["0.0.0.0:81:80", [{ container: 80, protocol: "tcp", hostIp: "0.0.0.0", host: 81 }]],
    ["[::1]:8080:80/TCP", [{ container: 80, protocol: "tcp", hostIp: "::1", host: 8080 }]],
    ["8000-8001:80-81", [
      { container: 80, protocol: "tcp", hostIp: "", host: 8000 },
      { container: 81, protocol: "tcp", hostIp: "", host: 8001 },
    ]],
  ])("%s", (input, expected) => {
    expect(parsePort(input)).toEqual(expected);
  });

  test("a number and an object are the same binding as the string form", () => {
    expect(parsePort(80)).toEqual(parsePort("80"));
    expect(parsePort({ container: 80, host: 8080, hostIp: "127.0.0.1", protocol: "udp" })).toEqual(parsePort("127.0.0.1:8080:80/udp"));
  });

  test.each([
    ["http", /not a port mapping/],
    ["99999", /outside 1-65535/],
    ["8000-8002:80-81", /maps 3 host ports onto 2 container ports/],
    ["81-80", /ends before it starts/],
  ])("rejects %s", (input, message) => {
    expect(() => parsePort(input)).toThrow(message);
  });
});

describe("parseKeyValues", () => {
  test("a map and a KEY=value list give the same key-sorted map", () => {
    expect(parseKeyValues(["B=2", "A=x=y"])).toEqual({ A: "x=y", B: "2" });
    expect(Object.keys(parseKeyValues({ B: "2", A: "x=y" }))).toEqual(["A", "B"]);
    expect(parseKeyValues({ N: 3, T: true })).toEqual({ N: "3", T: "true" });
  });
});

describe("splitCommand", () => {
  test("splits like a shell and keeps variables literal", () => {
    expect(splitCommand(`sh -c 'echo "$HOME" && ls'`)).toEqual(["sh", "-c", 'echo "$HOME" && ls']);
    expect(splitCommand("echo $HOME *.txt")).toEqual(["echo", "$HOME", "*.txt"]);
  });

  test("refuses shell operators, saying how to run through a shell", () => {
    expect(() => splitCommand("echo a | wc -l")).toThrow(/operator '\|'.*\["sh", "-c"/);
  });
});

describe("parseSize and parseRestart", () => {
  test.each([
    ["512m", 512 * 1024 ** 2],
    ["1g", 1024 ** 3],
    ["1.5G", 1.5 * 1024 ** 3],
    ["64k", 65536],
    ["100b", 100],
    ["2048", 2048],
    [4096, 4096],
  ])("size %s", (input, bytes) => expect(parseSize(input)).toBe(bytes));

  test("a size that is not one is refused", () => expect(() => parseSize("lots")).toThrow(/not a size/));

  test("restart forms", () => {
    expect(parseRestart("on-failure:3")).toEqual({ name: "on-failure", maximumRetryCount: 3 });
    expect(parseRestart({ name: "always" })).toEqual({ name: "always", maximumRetryCount: 0 });
    expect(() => parseRestart("always:3")).toThrow(/only allowed with on-failure/);
    expect(() => parseRestart("sometimes")).toThrow(/not a restart policy/);
    expect(() => parseRestart("on-failure:-1")).toThrow(/0 or more/);
  });
});
