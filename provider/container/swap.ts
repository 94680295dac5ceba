// Replacing a container of this resource without losing it (create of a replacement planned by diff,
// swap-plan.ts). The new container is made first, complete but not started: image pulled, created, files written,
// networks joined. Then:
// - stop-first (default): the old container stops gracefully, the new one takes the name and starts, and up waits
//   for it to be ready. Two of them never run at once. Downtime: stop + start + readiness.
// - start-first: the new one starts and becomes ready under a temporary name; then it takes the name, and the old
//   one keeps serving (on its own ports) until Pulumi deletes it at the end of the run.
// If anything fails once the old container was touched, the new one is removed and the old one gets its name
// back and runs again: the error says so, and the stack still holds the old one. Pulumi then deletes the old
// resource by its id, under whatever name it was put aside.
import type Docker from "dockerode";
import { randomBytes } from "crypto";
import type { DockerClient } from "../docker/client";
import { engineMessage, isNotFound, statusOf } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { containerError, shaped } from "./errors";
import { describe, type Inputs } from "./inputs";
import { writeFiles } from "./lifecycle/files";
import { updateOrderOf } from "./settings/replace";
import { removeLeftovers } from "./leftovers";
import type { Context } from "./options/spec";
import { containerOutputs } from "./outputs";
import { declaredState, reachState } from "./reconcile/bring-up";
import { createStopped } from "./reconcile/create-stopped";
import type { SwapPlan } from "./swap-plan";

const nameOf = (info: Docker.ContainerInspectInfo) => info.Name.replace(/^\//, "");

/** What went wrong, for the first part of a message: the engine's words when it was the engine. */
function reasonOf(err: unknown): string {
  const message = (err as { engineCall?: unknown }).engineCall ? engineMessage(err) : (err as Error).message;
  return message.replace(/\s+$/, "").replace(/\.$/, "");
}

/** The old container's own stop timeout (the engine's default when it has none), sent so the deadline allows for it. */
function oldStopQuery(old: Docker.ContainerInspectInfo): { t?: number } {
  const t = (old.Config as { StopTimeout?: number | null }).StopTimeout;
  return typeof t === "number" ? { t } : {};
}

async function removeNew(container: Docker.Container): Promise<string | undefined> {
  try {
    await container.remove({ force: true, v: true });
    return undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    return `the new container ${container.id.slice(0, 12)} could not be removed (${engineMessage(err)}): the next \`pulumi up\` removes it`;
  }
}

export async function swap(
  client: DockerClient,
  declared: Inputs,
  ctx: Context,
  old: Docker.ContainerInspectInfo,
  plan: SwapPlan,
): Promise<{ id: string; outs: Inputs }> {
  const order = updateOrderOf(declared);
  const oldContainer = client.docker.getContainer(old.Id);
  const oldName = nameOf(old);
  const short = old.Id.slice(0, 12);
  const wasRunning = old.State.Running || old.State.Restarting;
  const to = declaredState(ctx);
  // A swap cut off earlier (a killed `pulumi up`) may have left a new container holding the name or the port.
  await removeLeftovers(client, declared, old.Id);

  // The declared name, while the old container holds it: the new one waits under a temporary one.
  const takesName = typeof declared.name === "string" && declared.name === oldName;
  const aside = `${oldName}-replaced-${old.Id.slice(0, 8)}`;
  const temporary = takesName ? `${oldName}-next-${randomBytes(3).toString("hex")}` : undefined;

  // 1. The new container, complete and not started. The old one is untouched so far.
  let container: Docker.Container;
  let inputs: Inputs;
  try {
    ({ container, inputs } = await createStopped(client, declared, ctx, temporary));
  } catch (err) {
    const made = (err as { id?: string }).id;
    const left = made ? await removeNew(client.docker.getContainer(made)) : undefined;
    const reason = (err as Error).message.replace(/\.? ?The engine did create the container.*$/s, "");
    throw untouched(declared, old, `${reason.replace(/\.$/, "")}${left ? `; ${left}` : ""}`);
  }
  try {
    await writeFiles(client, container, inputs);
  } catch (err) {
    const left = await removeNew(container);
    throw untouched(declared, old, `the new container's files could not be written: ${reasonOf(err)}${left ? `; ${left}` : ""}`);
  }

  let stopped = false;
  let renamed = false;
  const bringUpNew = () => reachState(client, container, inputs, { from: "stopped", to });
  const takeName = async () => {
    if (!takesName) return;
    await oldContainer.rename({ name: aside });
    renamed = true;
    await container.rename({ name: String(declared.name) });
  };
  let extra: Record<string, unknown>;
  let phase = "";
  try {
    if (order === "start-first") {
      phase = `the new container ${to === "running" ? "did not become ready" : `could not be brought to state "${to}"`}`;
      extra = await bringUpNew();
      phase = "the new container could not take the name";
      await takeName();
    } else {
      phase = `the old container ${short} could not be stopped`;
      if (wasRunning) {
        stopped = true;
        await oldContainer.stop(oldStopQuery(old)).catch((err: unknown) => {
          if (statusOf(err) !== 304) throw err;
        });
      }
      phase = "the new container could not take the name";
      await takeName();
      phase = `the new container ${to === "running" ? "did not start and become ready" : `could not be brought to state "${to}"`}`;
      extra = await bringUpNew();
    }
  } catch (err) {
    // Restored as the stack declared it, also when an earlier swap that was cut off left it stopped or aside.
    const restore = { name: plan.name ?? oldName, running: wasRunning || plan.running };
    throw await rollBack(declared, { container, oldContainer, old, restore, touched: stopped || renamed }, `${phase}: ${reasonOf(err)}`);
  }
  const info = await container.inspect();
  await logToEngine(
    order === "start-first"
      ? `${describe(inputs)}: swapped in ${info.Id.slice(0, 12)} once it was ready; ${short} keeps serving until it is deleted`
      : `${describe(inputs)}: swapped ${short} (${wasRunning ? "stopped" : "not running"}${takesName ? `, kept aside as "${aside}"` : ""}) for ${info.Id.slice(0, 12)}`,
  );
  return { id: info.Id, outs: { ...containerOutputs(inputs, info), ...extra } };
}

/** A failure before the old container was touched: the new one is gone, the old one runs on as it was. */
function untouched(inputs: Inputs, old: Docker.ContainerInspectInfo, reason: string): Error {
  return shaped(
    new Error(
      `${describe(inputs)}: the replacement failed before the old container was touched: ${reason}. ` +
        `The old container ${old.Id.slice(0, 12)} ("${nameOf(old)}") is unchanged${old.State.Running ? " and still running" : ""}, and the stack still holds it. ` +
        `Fix the cause and run \`pulumi up\` again.`,
    ),
  );
}

interface SwapState {
  container: Docker.Container;
  oldContainer: Docker.Container;
  old: Docker.ContainerInspectInfo;
  /** The old container's name and run state to return to. */
  restore: { name: string; running: boolean };
  /** This swap stopped or renamed the old container. */
  touched: boolean;
}

/**
 * Undoes a swap: removes the new container, gives the old one its name back and starts it again. The error says
 * what failed, and what the old container's state is now.
 */
async function rollBack(inputs: Inputs, s: SwapState, reason: string): Promise<Error> {
  const problems: string[] = [];
  const left = await removeNew(s.container);
  if (left) problems.push(left);
  let current = await s.oldContainer.inspect().catch(() => undefined);
  // Also when only a swap cut off earlier had stopped it or put it aside.
  const touched = s.touched || (!!current && (nameOf(current) !== s.restore.name || (s.restore.running && !current.State.Running)));
  if (current && nameOf(current) !== s.restore.name) {
    await s.oldContainer.rename({ name: s.restore.name }).catch((err: unknown) => problems.push(`the old container could not get its name back (${engineMessage(err)})`));
  }
  if (current && s.restore.running && !current.State.Running) {
    await s.oldContainer.start().catch((err: unknown) => {
      if (statusOf(err) !== 304) problems.push(`the old container could not be started again (${engineMessage(err)})`);
    });
  }
  current = await s.oldContainer.inspect().catch(() => undefined);
  const short = s.old.Id.slice(0, 12);
  const state = !current
    ? `The old container ${short} could not be inspected`
    : `The old container ${short} ${touched ? "is" : "was not touched: it is"} ${current.State.Running ? "running" : "not running"} as "${nameOf(current)}"${touched && current.State.Running ? " again" : ""}`;
  const restored = problems.length
    ? `The replacement was rolled back, with problems: ${problems.join("; ")}. ${state}, and the stack still holds it.`
    : `The replacement was rolled back: the new container was removed (none is left). ${state}, and the stack still holds it.`;
  return containerError(`${describe(inputs)}: ${reason}. ${restored} Fix the cause and run \`pulumi up\` again.`);
}
