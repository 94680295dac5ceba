// A job that prints a secret input, through the real host: the `logs` output is stored as a secret whenever any
// input is one, and no message (the error, the engine log, the host's own output) quotes the secret, failing or
// succeeding. Without secret inputs, logs stay plain and failures quote the output as before.
import * as pulumi from "@pulumi/pulumi";
import { Container } from "dockwright";
import { testLabels } from "../support/engine";
import { useProviderHost } from "../support/fixture";
import { BASE_IMAGE } from "../support/images";
import type { ResourceState, TestStack } from "../support/stack";

const fx = useProviderHost({ engineLog: true });
const SECRET = `s3cret-${Date.now().toString(36)}-value`;

/** What `pulumi stack export` would show in plain text: every output not stored as a secret. */
function plainOutputs(res: ResourceState): string {
  return JSON.stringify(Object.fromEntries(Object.entries(res.outputs).filter(([k]) => !res.secretKeys.includes(k))));
}

function job(stack: TestStack, exitCode: number, token: pulumi.Input<string>) {
  return () => {
    new Container("job", {
      image: BASE_IMAGE,
      labels: testLabels(),
      state: "exited",
      env: { TOKEN: token },
      command: ["sh", "-c", `echo "token is $TOKEN"; echo done; exit ${exitCode}`],
    });
    void stack;
  };
}

const everythingSaid = () => [fx.engine.entries.map((e) => e.message).join("\n"), fx.host.stderr].join("\n");

test("a job that prints a secret and fails: the error does not quote its output, nothing stores or shows the secret in plain text", async () => {
  const stack = fx.newStack();
  const result = await stack.up(job(stack, 3, pulumi.secret(SECRET)), { allowErrors: true });
  const text = result.errors.map((e) => e.message).join("\n");
  expect(text).toMatch(/the job exited with code 3, expected 0\. Its last output: \(not shown: the container has secret inputs, which its output may contain; read it with docker logs job-\w+\)/);
  expect(text).not.toContain(SECRET);
  expect(everythingSaid()).not.toContain(SECRET);
  const res = stack.resource("job")!;
  expect(res.secretKeys).toEqual(expect.arrayContaining(["env", "logs"]));
  expect(plainOutputs(res)).not.toContain(SECRET);
});

test("a job that prints a secret and succeeds: logs holds it, stored as a secret", async () => {
  const stack = fx.newStack();
  const result = await stack.up(job(stack, 0, pulumi.secret(SECRET)));
  expect(result.outputs.job.logs).toBe(`token is ${SECRET}\ndone`);
  const res = stack.resource("job")!;
  expect(res.secretKeys).toEqual(expect.arrayContaining(["env", "logs"]));
  expect(plainOutputs(res)).not.toContain(SECRET);
  expect(everythingSaid()).not.toContain(SECRET);
});

test("without secret inputs, logs are plain and a failure quotes the output", async () => {
  const stack = fx.newStack();
  const result = await stack.up(job(stack, 3, "plain-value"), { allowErrors: true });
  expect(result.errors.map((e) => e.message).join("\n")).toMatch(/Its last output:\n {2}\| token is plain-value\n {2}\| done/);
  expect(stack.resource("job")!.secretKeys).not.toContain("logs");
  const ok = fx.newStack();
  await ok.up(job(ok, 0, "plain-value"));
  expect(ok.resource("job")!.secretKeys).not.toContain("logs");
  expect(ok.resource("job")!.outputs.logs).toBe("token is plain-value\ndone");
});
