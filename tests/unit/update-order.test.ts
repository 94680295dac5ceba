// updateOrder: the accepted values, and start-first refused at preview where two running containers would fight
// over something only one can hold.
import { check } from "../../provider/container/check";
import { heldWhileRunning, uniqueOnEngine } from "../../provider/container/unique";
import { UNKNOWN } from "../../provider/unknown";

const base = { image: "busybox:1", __resourceName: "web" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;

test.each([
  [{ updateOrder: "stop-first" }],
  [{ updateOrder: "start-first" }],
  [{ updateOrder: "start-first", name: "web", ports: ["127.0.0.1::80", 8080, { container: 443 }] }],
  [{ updateOrder: "start-first", networks: ["app", { name: "back", aliases: ["api"] }] }],
  [{ updateOrder: "stop-first", name: "web", ports: ["127.0.0.1:8080:80"], macAddress: "02:42:ac:11:00:09" }],
  // Not known at preview: checked again at up.
  [{ updateOrder: "start-first", ports: UNKNOWN }],
])("accepted: %j", (news) => {
  expect(failuresOf(news)).toEqual([]);
});

test.each([
  [{ updateOrder: "both" }, /"stop-first".*"start-first"/],
  [{ updateOrder: "start-first", ports: ["127.0.0.1:8080:80"] }, /only one of them can hold host port 127\.0\.0\.1:8080\/tcp: use "stop-first" \(the default\), or publish without a fixed host port/],
  [{ updateOrder: "start-first", ports: [{ container: 80, host: 8080 }] }, /host port 0\.0\.0\.0:8080\/tcp/],
  [{ updateOrder: "start-first", networks: [{ name: "app", ipv4Address: "172.30.0.9" }] }, /a static IP address/],
  [{ updateOrder: "start-first", macAddress: "02:42:ac:11:00:09" }, /a MAC address/],
  [{ updateOrder: "start-first", networkMode: "host" }, /networkMode "host"/],
])("refused: %j", (news, reason) => {
  const failures = failuresOf(news);
  expect(failures).toHaveLength(1);
  expect(failures[0].property).toBe("updateOrder");
  expect(failures[0].reason).toMatch(reason);
});

test("what must be unique: the name too, while start-first only minds what two running containers share", () => {
  const inputs = { name: "web", ports: ["127.0.0.1::80", "127.0.0.1:8443:443"] };
  expect(heldWhileRunning(inputs)).toEqual(["host port 127.0.0.1:8443/tcp"]);
  expect(uniqueOnEngine(inputs)).toEqual(['the name "web"', "host port 127.0.0.1:8443/tcp"]);
  expect(uniqueOnEngine({ ports: ["127.0.0.1::80"] })).toEqual([]);
  expect(heldWhileRunning({ ports: UNKNOWN })).toEqual(["host ports not known yet"]);
});
