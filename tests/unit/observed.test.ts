// The diff -> update hand-off: used once, only for the same container, engine and inputs, only while fresh.
import type Docker from "dockerode";
import { OBSERVED_FOR_MS, rememberObservation, takeObservation } from "../../provider/container/observed";
import type { Context } from "../../provider/container/options/spec";

const seen = {
  ctx: { imageRef: "img", image: { id: "sha256:1", config: {} }, desired: { memory: 1 }, containerIds: {}, daemon: {} } as unknown as Context,
  info: { Id: "c1" } as Docker.ContainerInspectInfo,
};
const news = { image: "img", memory: "64m" };

afterEach(() => jest.restoreAllMocks());

test("taken once, for the same container, engine and inputs", () => {
  rememberObservation("c1", "unix:///a.sock", news, seen);
  expect(takeObservation("c1", "unix:///a.sock", { ...news })).toEqual(seen);
  expect(takeObservation("c1", "unix:///a.sock", news)).toBeUndefined();
});

test("other inputs or another engine than the diff's get nothing (and the entry is dropped)", () => {
  rememberObservation("c1", "unix:///a.sock", news, seen);
  expect(takeObservation("c1", "unix:///a.sock", { ...news, memory: "96m" })).toBeUndefined();
  expect(takeObservation("c1", "unix:///a.sock", news)).toBeUndefined();
  rememberObservation("c1", "unix:///a.sock", news, seen);
  expect(takeObservation("c1", "tcp://127.0.0.1:2376", news)).toBeUndefined();
});

test("an observation older than OBSERVED_FOR_MS is not used", () => {
  const now = Date.now();
  const clock = jest.spyOn(Date, "now").mockReturnValue(now);
  rememberObservation("c1", "unix:///a.sock", news, seen);
  clock.mockReturnValue(now + OBSERVED_FOR_MS + 1);
  expect(takeObservation("c1", "unix:///a.sock", news)).toBeUndefined();
});

test('pull "always" is never handed over: update pulls, so the image diff saw is not the one it runs', () => {
  rememberObservation("c1", "unix:///a.sock", { ...news, pull: "always" }, seen);
  expect(takeObservation("c1", "unix:///a.sock", { ...news, pull: "always" })).toBeUndefined();
});
