import { check } from "../../provider/container/check";

const base = { image: "busybox:1", __resourceName: "web" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;

test.each([
  [{ deleteTimeout: -1 }, "deleteTimeout", /0 or more/],
  [{ deleteTimeout: "10s" }, "deleteTimeout", /seconds/],
  [{ removeVolumes: "no" }, "removeVolumes", /true or false/],
  [{ adopt: true }, "adopt", /set name too/],
  [{ autoRemove: 1 }, "autoRemove", /true or false/],
  [{ autoRemove: true, restart: "always" }, "restart", /autoRemove container cannot have a restart policy/],
  [{ autoRemove: true, restart: { name: "on-failure", maximumRetryCount: 2 } }, "restart", /restart policy/],
])("%j fails on %s", (news, property, reason) => {
  expect(failuresOf(news)).toEqual(expect.arrayContaining([{ property, reason: expect.stringMatching(reason) }]));
});

test("valid delete settings and adoption pass", () => {
  expect(failuresOf({ deleteTimeout: 0, removeVolumes: false, adopt: true, name: "web", autoRemove: true, restart: "no" })).toEqual([]);
});
