// A job (state "exited"): started once, up waits for it to exit and checks the exit code. One that already ran to
// completion is not run again: its outcome is read back (and checked against the declared exit code).
import type Docker from "dockerode";
import type { Inputs } from "../inputs";
import { DEFAULT_LOG_LINES } from "../settings/job";
import { lastLogLines, quoteOutput } from "./job-logs";

interface JobOutcome {
  exitCode: number;
  logs: string;
}

/**
 * Waits with the engine's wait endpoint (no polling) until the job is no longer running; under an on-failure
 * restart policy the engine may start it again, so it waits until inspect shows it settled.
 */
async function waitForExit(container: Docker.Container): Promise<Docker.ContainerInspectInfo> {
  for (;;) {
    const info = await container.inspect();
    if (!info.State.Running && !info.State.Restarting) return info;
    await container.wait({ condition: "not-running" });
  }
}

export async function finishJob(container: Docker.Container, inputs: Inputs): Promise<JobOutcome> {
  const info = await waitForExit(container);
  const logs = await lastLogLines(container, info.Config.Tty === true, (inputs.logLines as number | undefined) ?? DEFAULT_LOG_LINES);
  const exitCode = info.State.ExitCode;
  const expected = (inputs.expectedExitCode as number | undefined) ?? 0;
  if (exitCode !== expected) {
    const oom = info.State.OOMKilled ? " (killed: out of memory)" : "";
    const error = info.State.Error ? ` (${info.State.Error})` : "";
    const where = `docker logs ${info.Name.replace(/^\//, "")}`;
    throw new Error(`the job exited with code ${exitCode}${oom}${error}, expected ${expected}. Its last output:${quoteOutput(inputs, logs, where)}`);
  }
  return { exitCode, logs };
}
