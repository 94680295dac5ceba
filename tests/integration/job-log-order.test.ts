// A job's logs keep the engine's order of stdout and stderr. The engine copies the two streams in two goroutines,
// each stamping a message when it reads it and then appending it to the log file, so the file (and the logs
// endpoint without timestamps) can hold messages written close together out of order, while their timestamps, what
// `docker logs -t` shows, hold the order they were read in. The `logs` output and the failure message follow the
// timestamps.
import { docker } from "../support/engine";
import { BASE_IMAGE } from "../support/images";
import { checkedInputs, containerProvider as provider, nextInputs } from "../support/provider";

const PAIRS = 2500;
// Lines alternate between the streams as fast as the shell writes them: o0, e0, o1, e1, ...
const SCRIPT = `i=0; while [ $i -lt ${PAIRS} ]; do echo "o$i"; echo "e$i" >&2; i=$((i+1)); done; exit 7`;

/** The job's log as the engine holds it: [timestamp, text] per message, in log-file order. */
async function engineLog(id: string): Promise<[string, string][]> {
  const raw = (await docker.getContainer(id).logs({ stdout: true, stderr: true, timestamps: true, follow: false })) as unknown as Buffer;
  const messages: [string, string][] = [];
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    const text = raw.subarray(at + 8, at + 8 + size).toString("utf8");
    const space = text.indexOf(" ");
    messages.push([text.slice(0, space), text.slice(space + 1).replace(/\n$/, "")]);
    at += 8 + size;
  }
  return messages;
}

const timeOf = ([stamp]: [string, string]) => stamp; // fixed-width RFC 3339 in UTC: sorts as text

test("the logs output and the failure message follow the engine's timestamps, not its file order", async () => {
  // The swap is a race in the engine: run the job until its log file holds one (nearly every run does).
  let failure: (Error & { id?: string; properties?: Record<string, unknown> }) | undefined;
  let log: [string, string][] = [];
  let inputs: Record<string, unknown> = {};
  for (let attempt = 0; attempt < 8; attempt++) {
    inputs = await checkedInputs({ image: BASE_IMAGE, state: "exited", command: ["sh", "-c", SCRIPT], logLines: 10000 });
    failure = await provider.create(inputs).then(
      () => undefined,
      (e) => e,
    );
    expect(failure?.message).toMatch(/the job exited with code 7, expected 0/);
    log = await engineLog(failure!.id!);
    const swapped = log.some((m, i) => i > 0 && timeOf(m) < timeOf(log[i - 1]));
    if (swapped) break;
    await provider.delete(failure!.id!, failure!.properties!);
    failure = undefined;
  }
  expect(failure).toBeDefined(); // the engine's file order differed from its timestamps in some run
  expect(log).toHaveLength(2 * PAIRS);

  const byTime = log
    .map((m, i) => [m, i] as const)
    .sort(([a, i], [b, j]) => (timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : i - j))
    .map(([[, text]]) => text);
  // The failed job is kept; the next up checks it again and reports the same logs, in the engine's order.
  const resumed = await provider.update(failure!.id!, failure!.properties!, await nextInputs(inputs, { expectedExitCode: 7 }));
  expect((resumed.outs.logs as string).split("\n")).toEqual(byTime);
  // The failure message quotes the last lines in the same order.
  const quoted = failure!.message
    .replace(/\. It is kept in the stack.*$/s, "")
    .split("\n")
    .filter((l) => l.startsWith("  | "))
    .map((l) => l.slice(4));
  expect(quoted).toEqual(byTime.slice(-20));
  await provider.delete(failure!.id!, resumed.outs);
});
