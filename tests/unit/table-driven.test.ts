// The reconciler names no option: what only one container can hold, and what makes diff's observation stale for
// update, are said by the option and setting tables. Adding the field to another entry changes the outcome.
import type Docker from "dockerode";
import { rememberObservation, takeObservation } from "../../provider/container/observed";
import { OPTIONS } from "../../provider/container/options";
import type { Context } from "../../provider/container/options/spec";
import { SETTINGS } from "../../provider/container/settings";
import { heldWhileRunning, uniqueOnEngine } from "../../provider/container/unique";

test("what a replacement may not hold twice comes from the options' `exclusive`", () => {
  const hostname = OPTIONS.find((o) => o.key === "hostname")!;
  expect(uniqueOnEngine({ hostname: "h1" })).toEqual([]);
  hostname.exclusive = { held: (value) => [`the hostname ${value}`], deleteFirst: true, whileRunning: false };
  try {
    expect(uniqueOnEngine({ hostname: "h1", macAddress: "02:42:ac:11:00:02" })).toEqual(["the hostname h1", "a MAC address"]);
    expect(heldWhileRunning({ hostname: "h1" })).toEqual([]);
  } finally {
    delete hostname.exclusive;
  }
});

test("a setting's `refetchedByUp` keeps diff's observation from update", () => {
  const seen = { ctx: {} as Context, info: { Id: "c1" } as Docker.ContainerInspectInfo };
  const updateOrder = SETTINGS.find((s) => s.key === "updateOrder")!;
  const news = { image: "img", updateOrder: "start-first" };
  rememberObservation("c1", "unix:///a.sock", news, seen);
  expect(takeObservation("c1", "unix:///a.sock", news)).toEqual(seen);
  updateOrder.refetchedByUp = (value) => value === "start-first";
  try {
    rememberObservation("c1", "unix:///a.sock", news, seen);
    expect(takeObservation("c1", "unix:///a.sock", news)).toBeUndefined();
  } finally {
    delete updateOrder.refetchedByUp;
  }
});
