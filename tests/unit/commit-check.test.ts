import { check } from "../../provider/commit/check";
import { canonicalChanges, commitRequest, instructionProblem } from "../../provider/commit/changes";
import { changedInputs, reference } from "../../provider/commit/inputs";
import { summarizeChanges } from "../../provider/commit/outputs";
import { UNKNOWN } from "../../provider/unknown";

const base = { container: "web", __resourceName: "snap" };

function failuresOf(news: Record<string, unknown>) {
  return check({}, { ...base, ...news }).failures;
}

describe("ContainerCommit check", () => {
  test("valid inputs have no failures and keep their values", () => {
    const news = {
      ...base,
      repository: "registry.example.com:5000/team/app",
      tag: "v1.2_rc-1",
      message: "m",
      author: "Jane <jane@example.com>",
      changes: ['CMD ["app"]', "env MODE=prod", "LABEL a=b c=d", "EXPOSE 8080 9090/udp 7000-7002/tcp", "USER nobody", "WORKDIR /srv",
        'VOLUME ["/data"]', "STOPSIGNAL SIGUSR1", "ONBUILD RUN make", "ENTRYPOINT sh -c"],
      pause: false,
      triggers: [1, "a", { b: 2 }],
    };
    const result = check({}, news);
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual(news);
  });

  test.each([
    [{ container: "" }, "container", /container id or name is required/],
    [{ container: undefined }, "container", /container id or name is required/],
    [{ repository: "Bad/Repo" }, "repository", /must be lowercase: "bad\/repo"/],
    [{ repository: "MyApp" }, "repository", /must be lowercase/],
    [{ repository: "app:v1" }, "repository", /contains a tag; put it in tag/],
    [{ repository: "app@sha256:abc" }, "repository", /no digest/],
    [{ repository: "a//b" }, "repository", /not a valid repository path component/],
    [{ repository: "-app" }, "repository", /not a valid repository path component/],
    [{ repository: "a".repeat(64).replace(/a/g, "f") }, "repository", /64-character hex/],
    [{ repository: "app", tag: ".v1" }, "tag", /not a valid tag/],
    [{ repository: "app", tag: "x".repeat(129) }, "tag", /not a valid tag/],
    [{ tag: "v1" }, "tag", /needs a repository.*untagged image/],
    [{ changes: ["RUN apt-get install -y curl"] }, "changes[0]", /RUN cannot be part of a commit: a commit records the container's filesystem as it is and runs nothing/],
    [{ changes: "run make" }, "changes", /RUN cannot be part of a commit/],
    [{ changes: ["CMD x", "COPY a b"] }, "changes[1]", /COPY is not an instruction a commit can apply; allowed: CMD, ENTRYPOINT/],
    [{ changes: ["HEALTHCHECK NONE"] }, "changes[0]", /HEALTHCHECK is not an instruction/],
    [{ changes: ["CMD"] }, "changes[0]", /CMD needs arguments/],
    [{ changes: ["  "] }, "changes[0]", /empty instruction/],
    [{ changes: ["CMD ['a']"] }, "changes[0]", /not a JSON list/],
    [{ changes: ["ENTRYPOINT [1]"] }, "changes[0]", /list of strings/],
    [{ changes: ["ENV A"] }, "changes[0]", /KEY=value/],
    [{ changes: ["LABEL a"] }, "changes[0]", /KEY=value/],
    [{ changes: ["EXPOSE http"] }, "changes[0]", /EXPOSE http: expected a port/],
    [{ changes: ["STOPSIGNAL SIGFOO"] }, "changes[0]", /not a signal/],
    [{ changes: ["ONBUILD ONBUILD CMD x"] }, "changes[0]", /ONBUILD cannot trigger ONBUILD/],
    [{ changes: [7] }, "changes", /Dockerfile instructions/],
    [{ pause: "yes" }, "pause", /expected true/],
    [{ triggers: "x" }, "triggers", /list of values/],
    [{ message: 3 }, "message", /commit message/],
    [{ repo: "app" }, "repo", /not a ContainerCommit input/],
  ])("%j fails on %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures).toContainEqual({ property, reason: expect.stringMatching(reason) });
  });

  test("values not known yet pass through untouched", () => {
    const news = { container: UNKNOWN, repository: UNKNOWN, tag: UNKNOWN, changes: [UNKNOWN, "ENV A=1"], triggers: [UNKNOWN] };
    expect(check({}, news)).toEqual({ inputs: news, failures: [] });
    expect(failuresOf({ changes: [UNKNOWN, "RUN x"] })).toEqual([{ property: "changes[1]", reason: expect.stringMatching(/RUN/) }]);
  });
});

describe("ContainerCommit forms", () => {
  test("changes: one string or a list, keyword uppercased, spaces trimmed", () => {
    expect(canonicalChanges(" cmd   [\"a\"] ")).toEqual(['CMD ["a"]']);
    expect(canonicalChanges(["env A=1", "LABEL b=2"])).toEqual(["ENV A=1", "LABEL b=2"]);
    expect(instructionProblem("onbuild run make")).toBeUndefined();
  });

  test("STOPSIGNAL goes in the config body (this engine refuses it as a change), in canonical form", () => {
    expect(commitRequest(["CMD x", "stopsignal usr1", "ENV A=1"])).toEqual({ changes: ["CMD x", "ENV A=1"], config: { StopSignal: "SIGUSR1" } });
    expect(commitRequest(["STOPSIGNAL 15"]).config).toEqual({ StopSignal: "SIGTERM" });
    expect(commitRequest([])).toEqual({ changes: [], config: {} });
  });

  test("reference: tag defaults to latest, none without a repository", () => {
    expect(reference({ repository: "app" })).toBe("app:latest");
    expect(reference({ repository: "app", tag: "v1" })).toBe("app:v1");
    expect(reference({ tag: "v1" })).toBeUndefined();
  });

  test("equivalent forms are no change; any real change is", () => {
    const olds = { container: "c", repository: "app", changes: ["cmd x"], triggers: [1] };
    expect(changedInputs(olds, { container: "c", repository: "app", tag: "latest", changes: "CMD x", pause: true, message: "", triggers: [1] })).toEqual([]);
    expect(changedInputs(olds, { ...olds, triggers: [2] })).toEqual(["triggers"]);
    expect(changedInputs(olds, { ...olds, message: "again" })).toEqual(["message"]);
    expect(changedInputs(olds, { ...olds, pause: false })).toEqual(["pause"]);
    expect(changedInputs(olds, { ...olds, changes: ["CMD y"] })).toEqual(["changes"]);
    expect(changedInputs(olds, { ...olds, tag: "v2" })).toEqual(["tag"]);
    expect(changedInputs(olds, { ...olds, container: UNKNOWN })).toEqual(["container"]);
    expect(changedInputs(olds, { ...olds, triggers: [UNKNOWN] })).toEqual(["triggers"]);
  });

  test("disk changes: counts per kind and the first paths in path order", () => {
    const changes = [
      { Path: "/tmp", Kind: 0 },
      { Path: "/tmp/hello", Kind: 1 },
      { Path: "/etc/group", Kind: 2 },
      { Path: "/etc", Kind: 0 },
    ];
    expect(summarizeChanges(changes)).toEqual({ added: 1, changed: 2, deleted: 1, firstPaths: ["C /etc", "D /etc/group", "C /tmp", "A /tmp/hello"] });
    expect(summarizeChanges(null)).toEqual({ added: 0, changed: 0, deleted: 0, firstPaths: [] });
    const many = Array.from({ length: 30 }, (_, i) => ({ Path: `/f${String(i).padStart(2, "0")}`, Kind: 1 }));
    expect(summarizeChanges(many).firstPaths).toHaveLength(20);
    expect(summarizeChanges(many).added).toBe(30);
  });
});
