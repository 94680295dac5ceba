import { check } from "../../provider/volume/check";
import { changedInputs } from "../../provider/volume/inputs";
import { UNKNOWN } from "../../provider/unknown";

const base = { __resourceName: "data" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;

describe("Volume check", () => {
  test("valid inputs have no failures and keep their values", () => {
    const news = { ...base, name: "app-data", driver: "local", driverOptions: { type: "tmpfs", device: "tmpfs", o: "size=8m" }, labels: { a: "b" }, adopt: true };
    expect(check({}, news)).toEqual({ inputs: news, failures: [] });
  });

  test.each([
    [{ name: "a" }, "name", /at least two characters/],
    [{ name: "data/x" }, "name", /letters, digits/],
    [{ driver: 3 }, "driver", /expected a volume driver/],
    [{ driverOptions: ["size"] }, "driverOptions[0]", /KEY=value/],
    [{ labels: "x" }, "labels", /expected a map of strings/],
    [{ adopt: true }, "adopt", /set name too/],
    [{ mountpoint: "/x" }, "mountpoint", /"mountpoint" is not a Volume input/],
  ])("%j fails naming %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures.map((f) => f.property)).toContain(property);
    expect(failures.find((f) => f.property === property)!.reason).toMatch(reason);
  });

  test("values not known yet pass through unchecked", () => {
    expect(failuresOf({ name: UNKNOWN, labels: { a: UNKNOWN } })).toEqual([]);
  });

  test("a generated name is kept between runs and renewed on a replacement", () => {
    const first = check({}, base).inputs;
    expect(check(first, base).inputs.__autoname).toBe(first.__autoname);
    expect(check(first, { ...base, labels: { a: "1" } }).inputs.__autoname).not.toBe(first.__autoname);
  });

  test("the engine's defaults equal omitted inputs; only a declared name is compared", () => {
    const olds = { __autoname: "data-abc", name: "data-abc", driver: "local", createdAt: "x", mountpoint: "/m" };
    expect(changedInputs(olds, { __autoname: "data-abc", driverOptions: {} })).toEqual([]);
    expect(changedInputs(olds, { __autoname: "data-abc", labels: { a: "1" } })).toEqual(["labels"]);
  });
});
