// A job's log lines in the engine's order: frames sorted by the engine's timestamps, stably, timestamps removed.
import { inEngineOrder } from "../../provider/container/lifecycle/job-logs";

const message = (stamp: string, text: string) => Buffer.from(`${stamp} ${text}`);

test("messages are put in the order of their timestamps, not the order they came in", () => {
  expect(
    inEngineOrder([
      message("2026-12-03T09:45:01.399890217Z", "b2\n"),
      message("2026-12-03T09:45:01.399880000Z", "a1\n"),
      message("2026-12-03T09:45:01.399943497Z", "c3\n"),
    ]),
  ).toBe("a1\nb2\nc3\n");
});

test("equal timestamps keep their order; nanoseconds count; other offsets are read as times", () => {
  expect(
    inEngineOrder([
      message("2026-12-03T09:45:01.000000002Z", "second\n"),
      message("2026-12-03T09:45:01.000000001Z", "first\n"),
      message("2026-12-03T09:45:01.000000002Z", "third\n"),
      message("2026-12-03T10:45:00.5+01:00", "zeroth\n"),
    ]),
  ).toBe("zeroth\nfirst\nsecond\nthird\n");
});

test("a message without a timestamp stays after the one before it, and keeps its text", () => {
  expect(inEngineOrder([message("2026-12-03T09:45:02Z", "late\n"), Buffer.from("no stamp\n"), message("2026-12-03T09:45:01Z", "early\n")])).toBe(
    "early\nlate\nno stamp\n",
  );
});
