// Drift of the engine objects that cannot change in place (Network, Volume): compared as JSON would carry them.
import { driftOf } from "../../provider/shared/drift";

const keys = ["driver"] as const;

test("a value the engine does not report is a difference, not a crash", () => {
  const drift = driftOf(keys, (_key, inputs) => inputs.driver, () => undefined, { driver: "local" }, {});
  expect(drift).toEqual([{ key: "driver", declared: "local", actual: undefined }]);
});

test("keys left undefined are no difference", () => {
  expect(driftOf(keys, () => ({ a: "1" }), () => ({ a: "1", b: undefined }), {}, {})).toEqual([]);
});
