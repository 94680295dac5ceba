import { durationInput, formatDuration, parseDuration } from "../../provider/container/forms/duration";

describe("parseDuration", () => {
  test.each([
    ["30s", 30e9],
    ["1m30s", 90e9],
    ["500ms", 5e8],
    ["1.5s", 1.5e9],
    ["0.1s", 1e8],
    [".5s", 5e8],
    ["1h", 3600e9],
    ["2h45m", (2 * 3600 + 45 * 60) * 1e9],
    ["10us", 1e4],
    ["10µs", 1e4],
    ["7ns", 7],
    ["0", 0],
    [" 5s ", 5e9],
    [1500000000, 1.5e9],
  ])("%p is %p ns", (input, ns) => {
    expect(parseDuration(input)).toBe(ns);
  });

  test.each(["30", "s", "1h30", "5 s", "-5s", "1d", "", "abc", "1.5.5s"])("%p is refused with the expected forms", (input) => {
    expect(() => parseDuration(input)).toThrow(/not a duration; expected a number with a unit .* "1m30s"/);
  });

  test("nanoseconds must be whole and not negative", () => {
    expect(() => parseDuration(-1)).toThrow(/non-negative number of nanoseconds/);
    expect(() => parseDuration(1.5)).toThrow(/whole/);
  });
});

describe("formatDuration", () => {
  test.each([
    [0, "0s"],
    [5e8, "500ms"],
    [1e4, "10us"],
    [7, "7ns"],
    [30e9, "30s"],
    [90e9, "1m30s"],
    [1.5e9, "1.5s"],
    [3600e9, "1h"],
    [3661e9, "1h1m1s"],
    [61.001e9, "1m1.001s"],
  ])("%p ns is %p", (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });

  test.each([1, 999, 1e6 + 1, 59e9, 60e9, 86400e9 + 1, 123456789012])("%p round-trips", (ns) => {
    expect(parseDuration(formatDuration(ns))).toBe(ns);
  });
});

describe("durationInput", () => {
  const schema = durationInput(1e6, " (hint)");
  test("accepts strings and nanoseconds at or above the minimum", () => {
    expect(schema.safeParse("1ms").success).toBe(true);
    expect(schema.safeParse(2e9).success).toBe(true);
  });
  test("names the minimum and the hint below it", () => {
    expect(schema.safeParse("500us").error?.issues[0].message).toBe("must be at least 1ms (hint)");
    expect(schema.safeParse(0).error?.issues[0].message).toBe("must be at least 1ms (hint)");
  });
  test("says which forms are expected", () => {
    expect(schema.safeParse(true).error?.issues[0].message).toMatch(/expected a duration such as "30s"/);
    expect(schema.safeParse("soon").error?.issues[0].message).toMatch(/'soon' is not a duration/);
  });
});
