import { callKind, describeCall } from "../../provider/docker/calls";
import { engineMessage, faultHint, faultOf, outcomeUnknown } from "../../provider/docker/errors";
import { configureTimeouts, DEFAULT_TIMEOUTS, effectiveTimeouts } from "../../provider/docker/timeouts";
import { identityLabels, identityOf, labelFilter, withoutIdentityLabels } from "../../provider/identity";
import { check } from "../../provider/container/check";

describe("Engine API calls", () => {
  test("kinds collapse ids and drop the version and query", () => {
    expect(callKind("post", "/v1.41/containers/abc123/start?")).toBe("POST /containers/{id}/start");
    expect(callKind("GET", "/containers/json?all=1")).toBe("GET /containers/json");
    expect(callKind("DELETE", "/images/sha256:abc")).toBe("DELETE /images/{ref}");
  });

  test.each([
    ["GET", "/containers/x/json", "lookup", false],
    ["GET", "/containers/json", "lookup", false],
    ["POST", "/containers/create?", "change", true],
    ["POST", "/containers/x/stop?", "change", true],
    ["POST", "/images/create?", "transfer", true],
    ["POST", "/commit?", "transfer", true],
    ["PUT", "/containers/x/archive?", "transfer", true],
    ["POST", "/containers/x/wait?", "none", false],
  ])("%s %s: deadline %s, changes something: %s", (method, path, deadline, mutating) => {
    expect(describeCall(method, path)).toMatchObject({ deadline, mutating });
  });
});

describe("faults", () => {
  const call = describeCall("POST", "/containers/x/start");
  test("an engine refusal, an engine failure, no connection, a cut connection, a deadline", () => {
    expect(faultOf(Object.assign(new Error("(HTTP code 404) no such container - No such container: x"), { statusCode: 404 }))).toBe("refused");
    expect(faultOf(Object.assign(new Error("(HTTP code 500) server error - boom"), { statusCode: 500 }))).toBe("failed");
    expect(faultOf(Object.assign(new Error("connect ENOENT /x.sock"), { code: "ENOENT" }))).toBe("unreachable");
    expect(faultOf(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBe("lost");
    expect(faultOf(Object.assign(new Error("late"), { waitedMs: 5000 }))).toBe("timeout");
  });

  test("the outcome is unknown only for requests that change something and got no clear answer", () => {
    expect(outcomeUnknown(Object.assign(new Error("socket hang up"), { code: "ECONNRESET", engineCall: call }))).toBe(true);
    expect(outcomeUnknown(Object.assign(new Error("socket hang up"), { code: "ECONNRESET", engineCall: describeCall("GET", "/containers/x/json") }))).toBe(false);
    expect(outcomeUnknown(Object.assign(new Error("x"), { statusCode: 409, engineCall: call }))).toBe(false);
  });

  test("messages say where the engine is and what to do", () => {
    const unreachable = Object.assign(new Error("connect ECONNREFUSED /var/run/docker.sock"), { code: "ECONNREFUSED", endpoint: "unix:///var/run/docker.sock" });
    expect(engineMessage(unreachable)).toBe("the Docker engine could not be reached at unix:///var/run/docker.sock (ECONNREFUSED: ECONNREFUSED /var/run/docker.sock)");
    expect(faultHint(unreachable)).toMatch(/^Start the Docker engine, or point DOCKER_HOST.*then run `pulumi up` again$/);
    const lost = Object.assign(new Error("socket hang up"), { code: "ECONNRESET", endpoint: "unix:///x.sock", engineCall: call });
    expect(engineMessage(lost)).toBe("the connection to the Docker engine at unix:///x.sock broke before it answered POST /containers/{id}/start (ECONNRESET)");
    const late = Object.assign(new Error("the Docker engine at tcp://h:2376 did not answer ..."), { waitedMs: 1, endpoint: "tcp://h:2376", timeoutSetting: "engineTimeouts.change" });
    expect(faultHint(late)).toMatch(/Check that the engine at tcp:\/\/h:2376 runs and answers .*raise engineTimeouts\.change$/);
  });
});

describe("timeouts", () => {
  afterEach(() => configureTimeouts(undefined));

  test("defaults, then the stack config, then the resource's own", () => {
    expect(effectiveTimeouts({})).toEqual(DEFAULT_TIMEOUTS);
    configureTimeouts('{"lookup": 10, "transfer": "1h"}');
    expect(effectiveTimeouts({})).toEqual({ ...DEFAULT_TIMEOUTS, lookup: 10_000, transfer: 3_600_000 });
    expect(effectiveTimeouts({ engineTimeouts: { lookup: "2s", change: 7 } })).toEqual({ lookup: 2000, change: 7000, transfer: 3_600_000 });
  });

  test("bad config names the key", () => {
    expect(() => configureTimeouts('{"lookup": -1}')).toThrow(/^config dockwright:engineTimeouts\.lookup: expected more than 0 seconds/);
    expect(() => configureTimeouts("{")).toThrow(/not valid JSON/);
  });

  test("check validates engineTimeouts and accepts the SDK's logs marker", () => {
    expect(check({}, { image: "x", engineTimeouts: { change: "soon" } }).failures).toEqual([
      { property: "engineTimeouts.change", reason: 'expected more than 0 seconds, or a duration such as "90s", "2m" or "1m30s"' },
    ]);
    expect(check({}, { image: "x", engineTimeouts: { lookup: 5 }, logs: null }).failures).toEqual([]);
    expect(check({}, { image: "x", logs: "text" }).failures.map((f) => f.property)).toEqual(["logs"]);
  });
});

describe("identity", () => {
  test("project, stack, kind and resource name; labels; filters", () => {
    const identity = identityOf({ project: "shop", stack: "prod", kind: "Container", name: "web" });
    expect(identity).toBe("shop/prod/Container/web");
    expect(identityLabels(identity, "a1")).toEqual({ "dockwright.identity": identity, "dockwright.attempt": "a1" });
    expect(JSON.parse(labelFilter({ attempt: "a1" }))).toEqual({ label: ["dockwright.attempt=a1"] });
    expect(withoutIdentityLabels({ a: "1", "dockwright.identity": identity, "dockwright.attempt": "a1" })).toEqual({ a: "1" });
  });
});
