// Jobs (state "exited"): the exit code that counts as success, and how much of the output up reports.
import { z } from "zod";
import { defineSetting } from "../options/spec";

export const DEFAULT_LOG_LINES = 100;

const onlyForJobs = (key: string) => (inputs: Record<string, unknown>) =>
  inputs[key] !== undefined && inputs.state !== "exited"
    ? [{ property: key, reason: `${key} is for a job: set state: "exited" (run once to completion)` }]
    : [];

const expectedExitCode = defineSetting({
  key: "expectedExitCode",
  // Default 0. Not a replace: a job that already finished is checked again against the new code, not re-run.
  schema: z.number({ error: "expected the exit code a successful run ends with, 0 to 255" }).int("expected a whole exit code").min(0, "an exit code is 0 to 255").max(255, "an exit code is 0 to 255"),
  crossCheck: onlyForJobs("expectedExitCode"),
});

const logLines = defineSetting({
  key: "logLines",
  schema: z.number({ error: "expected how many of the job's last log lines to report" }).int("expected a whole number of lines").min(0, "logLines is 0 or more").max(10000, "logLines is at most 10000"),
  crossCheck: onlyForJobs("logLines"),
});

export const JOB_SETTINGS = [expectedExitCode, logLines];
