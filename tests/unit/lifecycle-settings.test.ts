// Uploads, readiness and job settings, and the run state: forms, check failures, fingerprints, log framing.
import { chmodSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { check } from "../../provider/container/check";
import { demux, quoteLines } from "../../provider/container/lifecycle/job-logs";
import { defaultTimeoutMs } from "../../provider/container/lifecycle/readiness";
import { timeoutMs } from "../../provider/docker/timeouts";
import { parseMode, uploadEntries } from "../../provider/container/lifecycle/upload-entries";
import { runStateHolds, state } from "../../provider/container/options/run-state";
import { fingerprintKey } from "../../provider/container/options/spec";

const base = { image: "busybox:1", __resourceName: "job" };
const failuresOf = (news: Record<string, unknown>) => check({}, { ...base, ...news }).failures;

describe("check failures name the property and what is expected", () => {
  test.each([
    [{ uploads: { path: "/a", content: "x" } }, "uploads", /list of \{path/],
    [{ uploads: [{ path: "etc/app.conf", content: "x" }] }, "uploads[0].path", /absolute path/],
    [{ uploads: [{ path: "/", content: "x" }] }, "uploads[0].path", /not \//],
    [{ uploads: [{ path: "/a" }] }, "uploads[0]", /exactly one of content, contentBase64 or source/],
    [{ uploads: [{ path: "/a", content: "x", source: "./x" }] }, "uploads[0]", /exactly one.*got content and source/],
    [{ uploads: [{ path: "/a", contentBase64: "not base64!" }] }, "uploads[0].contentBase64", /base64/],
    [{ uploads: [{ path: "/a", content: "x", mode: "rwx" }] }, "uploads[0].mode", /octal file mode/],
    [{ uploads: [{ path: "/a", content: "x", mode: 0o17777 }] }, "uploads[0].mode", /not a file mode/],
    [{ uploads: [{ path: "/a", content: "x", uid: "www" }] }, "uploads[0].uid", /numeric uid/],
    [{ uploads: [{ path: "/a", content: "x", gid: -1 }] }, "uploads[0].gid", /0 or more/],
    [{ uploads: [{ path: "/a", content: "x", owner: "root" }] }, "uploads[0]", /owner/],
    [{ uploads: [{ path: "/a/b", content: "x" }, { path: "/a/./b/", content: "y" }] }, "uploads[1].path", /uploaded twice/],
    [{ uploads: [{ path: "/a", source: "/nonexistent/dockwright-test-file" }] }, "uploads", /cannot read .*no such file or folder/],
    [{ waitForHealthy: "yes" }, "waitForHealthy", /true, false, or \{timeout\}/],
    [{ waitForHealthy: { timeout: "soon" } }, "waitForHealthy.timeout", /seconds, or a duration/],
    [{ waitForHealthy: { timeout: 0 } }, "waitForHealthy.timeout", /more than 0/],
    [{ waitForHealthy: true, healthcheck: false }, "waitForHealthy", /needs a healthcheck/],
    [{ waitForHealthy: true, healthcheck: { test: "NONE" } }, "waitForHealthy", /needs a healthcheck/],
    [{ waitForHealthy: true, state: "exited" }, "waitForHealthy", /waits for its exit/],
    [{ state: "done" }, "state", /"running", "stopped" or "paused".*"created".*"exited"/],
    [{ expectedExitCode: 3 }, "expectedExitCode", /set state: "exited"/],
    [{ state: "exited", expectedExitCode: 256 }, "expectedExitCode", /0 to 255/],
    [{ state: "exited", expectedExitCode: 1.5 }, "expectedExitCode", /whole/],
    [{ logLines: 10, state: "running" }, "logLines", /for a job/],
    [{ state: "exited", logLines: -1 }, "logLines", /0 or more/],
    [{ state: "exited", restart: "always" }, "restart", /run it forever/],
    [{ state: "exited", restart: { name: "unless-stopped" } }, "restart", /run it forever/],
    [{ state: "exited", autoRemove: true }, "autoRemove", /outlive its exit/],
  ])("%j fails on %s", (news, property, reason) => {
    expect(failuresOf(news)).toEqual(expect.arrayContaining([{ property, reason: expect.stringMatching(reason) }]));
  });

  test("valid forms pass", () => {
    expect(
      failuresOf({
        uploads: [
          { path: "/etc/app/config.yaml", content: "a: 1\n", mode: "0600", uid: 1000, gid: 1000 },
          { path: "/bin/tool", contentBase64: "IyEvYmluL3NoCg==", mode: 0o755 },
        ],
        waitForHealthy: { timeout: "1m30s" },
      }),
    ).toEqual([]);
    expect(failuresOf({ state: "exited", expectedExitCode: 3, logLines: 0, restart: "on-failure:2" })).toEqual([]);
    expect(failuresOf({ state: "created" })).toEqual([]);
    // A service stopped for now keeps its waitForHealthy for the next start.
    expect(failuresOf({ waitForHealthy: true, state: "stopped" })).toEqual([]);
  });
});

describe("uploads fingerprint (computed in check, on the machine running Pulumi)", () => {
  const dir = mkdtempSync(join(tmpdir(), "dockwright-uploads-"));
  mkdirSync(join(dir, "site/css"), { recursive: true });
  writeFileSync(join(dir, "site/index.html"), "<h1>hi</h1>");
  writeFileSync(join(dir, "site/css/a.css"), "h1{}");
  symlinkSync("index.html", join(dir, "site/home.html"));
  const fingerprintOf = (uploads: unknown) => check({}, { ...base, uploads }).inputs[fingerprintKey("uploads")];
  const folder = [{ path: "/srv/www", source: join(dir, "site") }];

  test("a folder's files, modes and link targets are in it; declared content is not (it is compared as an input)", () => {
    const before = fingerprintOf(folder);
    expect(before).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fingerprintOf(folder)).toBe(before);
    writeFileSync(join(dir, "site/css/a.css"), "h1{color:red}");
    const edited = fingerprintOf(folder);
    expect(edited).not.toBe(before);
    chmodSync(join(dir, "site/css/a.css"), 0o600);
    expect(fingerprintOf(folder)).not.toBe(edited);
    expect(fingerprintOf([{ path: "/a", content: "secret-1" }])).toBe(fingerprintOf([{ path: "/a", content: "secret-2" }]));
  });

  test("entries: names under the path, symlinks kept, mode overrides the files', owners applied", () => {
    const entries = uploadEntries([{ path: "/srv/www/", source: join(dir, "site"), mode: "0640", uid: 33, gid: 33 }]);
    expect(entries.map((e) => [e.name, e.type, e.type === "file" ? e.mode : undefined, e.uid])).toEqual([
      ["srv/www", "directory", undefined, 33],
      ["srv/www/css", "directory", undefined, 33],
      ["srv/www/css/a.css", "file", 0o640, 33],
      ["srv/www/home.html", "symlink", undefined, 33],
      ["srv/www/index.html", "file", 0o640, 33],
    ]);
    expect(entries[3].linkname).toBe("index.html");
    const [b64] = uploadEntries([{ path: "/bin/tool", contentBase64: "IyEvYmluL3NoCg==" }]);
    expect([b64.data?.toString(), b64.mode, b64.uid]).toEqual(["#!/bin/sh\n", 0o644, 0]);
  });
});

test("modes: numbers and octal strings", () => {
  expect([parseMode(0o600), parseMode("600"), parseMode("0600"), parseMode("0o600")]).toEqual([0o600, 0o600, 0o600, 0o600]);
  expect(() => parseMode("9")).toThrow(/octal/);
});

test("readiness timeouts: seconds or durations; the default lets the healthcheck reach a verdict, at least 60 s", () => {
  expect([timeoutMs(90), timeoutMs("90s"), timeoutMs("1m30s"), timeoutMs("500ms")]).toEqual([90000, 90000, 90000, 500]);
  expect(defaultTimeoutMs({ test: ["CMD", "true"], interval: 2e9, timeout: 1e9, retries: 2, startPeriod: 0, startInterval: 0 })).toBe(60000);
  // The engine's defaults: 30 s interval and timeout, 3 retries: (3 + 1) x 60 s after a 10 s start period.
  expect(defaultTimeoutMs({ test: ["CMD", "true"], interval: 30e9, timeout: 30e9, retries: 3, startPeriod: 10e9, startInterval: 0 })).toBe(250000);
});

test("run states: stopped holds for a never-started container, exited for one that ran; created cannot come back in place", () => {
  expect(runStateHolds("stopped", "created")).toBe(true);
  expect(runStateHolds("exited", "stopped")).toBe(true);
  expect(runStateHolds("created", "stopped")).toBe(false);
  expect(runStateHolds("exited", "running")).toBe(false);
  expect(state.inPlace!("created", "stopped", {} as never)).toBe(false);
  expect(state.inPlace!("exited", "running", {} as never)).toBe(true);
});

test("logs: stdout and stderr frames are joined in order; text without frames is kept", () => {
  const frame = (stream: number, text: string) => {
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(Buffer.byteLength(text), 4);
    return Buffer.concat([header, Buffer.from(text)]);
  };
  expect(demux(Buffer.concat([frame(1, "one\n"), frame(2, "two\n"), frame(1, "three\n")]))).toBe("one\ntwo\nthree\n");
  expect(demux(Buffer.from("plain tty output\n"))).toBe("plain tty output\n");
  expect(quoteLines("a\nb\nc", 2)).toBe("\n  | b\n  | c");
  expect(quoteLines("")).toBe(" (no output)");
});
