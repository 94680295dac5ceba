import type Docker from "dockerode";
import { engineClient, type EngineClient } from "../docker/client";
import { engineMessage, faultOf, isNotFound, statusOf } from "../docker/errors";
import { IDENTITY_LABEL, identityIn, identityLabels, labelFilter, newAttempt } from "../identity";
import { applyRunState, stopQuery } from "./options/run-state";
import { compare, containerIdsFor, desiredContext } from "./compare";
import { explainDiff, explainDifference } from "./explain";
import { logToEngine } from "../engine-log";
import { findImage } from "../docker/images";
import { removeContainer } from "./destroy";
import { update } from "./update";
import { applyNetworks } from "./network-apply";
import { requireNetworks } from "./network-lookup";
import type { Endpoint } from "./options/networking";
import { callError, containerError, initFailure, isShaped, shaped } from "./errors";
import { writeFiles } from "./lifecycle/files";
import { acquireImage } from "./lifecycle/image-source";
import { afterStart, requireHealthcheck } from "./lifecycle/readiness";
import { takeOverLeftovers } from "./leftovers";
import { AUTONAME_KEY, describe, RESOURCE_NAME_KEY, type Inputs } from "./inputs";
import { autoName } from "./naming";
import type { Context, CreateBody } from "./options/spec";
import { OPTIONS, type RunState } from "./options";
import { containerOutputs } from "./outputs";
import { replacedContainer } from "./swap-plan";
import { swap } from "./swap";

export async function imageContext(client: EngineClient, inputs: Inputs): Promise<Context> {
  const image = await acquireImage(client, inputs);
  return desiredContext(inputs, image, { containerIds: await containerIdsFor(client, inputs), daemon: client.daemon });
}

export function createBody(ctx: Context): CreateBody {
  const body: CreateBody = { HostConfig: {} };
  for (const option of OPTIONS) {
    if (option.key in ctx.desired) option.write(body, ctx.desired[option.key], ctx);
  }
  return body;
}

/**
 * Everything after the container exists: files (a new container only), the run state, and readiness. A failure
 * leaves the container in Pulumi's state (init failure) rather than orphaned, and the next `pulumi up` resumes
 * through update.
 */
export async function bringUp(
  client: EngineClient,
  container: Docker.Container,
  inputs: Inputs,
  step: { from: RunState; to: RunState; fresh: boolean },
  /** The container as last inspected, reused when nothing changes its state. */
  current?: Docker.ContainerInspectInfo,
): Promise<{ info: Docker.ContainerInspectInfo; extra: Record<string, unknown> }> {
  try {
    if (step.fresh) await writeFiles(client, container, inputs);
    await applyRunState(container, step.from, step.to, stopQuery(inputs));
    const started = step.from !== step.to && step.from !== "running" && step.to !== "stopped";
    const extra = await afterStart(client, container, inputs, started);
    // Re-inspect unless nothing happened since `current` (no state change, nothing waited for).
    const unchanged = current && !step.fresh && step.from === step.to && Object.keys(extra).length === 0;
    return { info: unchanged ? current : await container.inspect(), extra };
  } catch (err) {
    const info = await container.inspect().catch((inspectErr: unknown) => {
      // Gone (an autoRemove container that exited): nothing to keep; report the real cause.
      if (isNotFound(inspectErr)) throw containerError(`${describe(inputs)} exited and was removed by the engine (autoRemove)`, err);
      // The engine does not answer: the container exists all the same, and the stack must keep it.
      return undefined;
    });
    const what = step.fresh || step.from !== step.to ? `could not be brought to state "${step.to}"` : "is not ready";
    const message = containerError(`${describe(inputs)} ${what}`, err,
      "It is kept in the stack; fix the cause and run `pulumi up` again").message;
    const kept = faultOf(err) === undefined || faultOf(err) === "refused" ? "" : " It is kept in the stack; the next `pulumi up` resumes it.";
    throw initFailure(`${message}${kept}`, info?.Id ?? container.id, info ? containerOutputs(inputs, info) : knownOutputs(inputs), inputs);
  }
}

/** Only `name` and `platform` are query parameters (dockerode would otherwise put the whole body in the URL). */
function createContainer(client: EngineClient, body: CreateBody, name: unknown): Promise<Docker.Container> {
  const { platform, name: _ignored, ...rest } = body;
  const query = Object.fromEntries(Object.entries({ name, platform }).filter(([, v]) => v !== undefined));
  return client.docker.createContainer({ _query: query, _body: rest } as unknown as Docker.ContainerCreateOptions);
}

/** The outputs of a container whose inspect did not answer: its inputs, and the name it was created under. */
export function knownOutputs(inputs: Inputs): Inputs {
  const name = [inputs.name, inputs[AUTONAME_KEY]].find((n) => typeof n === "string");
  return JSON.parse(JSON.stringify({ ...inputs, name }));
}

/**
 * A generated name may be held by the container this one replaces (create-before-delete): then the new
 * container gets a fresh suffix. A name the program gave is never changed. Either way the name is decided before
 * the request is sent; `inputs` come back with the name the container got, so messages name the new container.
 */
async function createNamed(client: EngineClient, body: CreateBody, inputs: Inputs): Promise<{ container: Docker.Container; inputs: Inputs }> {
  const generated = inputs[AUTONAME_KEY];
  if (body.name !== undefined || typeof generated !== "string") return { container: await createContainer(client, body, body.name), inputs };
  try {
    return { container: await createContainer(client, body, generated), inputs };
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
    const fresh = autoName(String(inputs[RESOURCE_NAME_KEY] ?? "container"));
    return { container: await createContainer(client, body, fresh), inputs: { ...inputs, [AUTONAME_KEY]: fresh } };
  }
}

export async function create(inputs: Inputs): Promise<{ id: string; outs: Inputs }> {
  const client = await engineClient(inputs);
  const ctx = await imageContext(client, inputs);
  // Before anything is created (or an adopted container is stopped): the engine would create a container on a
  // network that does not exist and fail only at its start.
  await requireNetworks(client, inputs, describe(inputs));
  requireHealthcheck(inputs, ctx);
  // A replacement of a container of this resource, planned as a swap by diff: it keeps the service up.
  const replaced = await replacedContainer(client, inputs);
  if (replaced) return swap(client, inputs, ctx, replaced.info, replaced.plan);
  const existing = inputs.adopt === true ? await adoptable(client, inputs) : undefined;
  if (existing) return adopt(client, inputs, ctx, existing);
  // A container of this resource that the stack does not know (left by a killed run, or an answer that never
  // came) is taken over or removed before anything new is made: never a second one.
  const resumed = await takeOverLeftovers(client, inputs, ctx);
  return resumed ?? createNew(client, inputs, ctx);
}

/**
 * After a create request was sent and something failed before the container was reported (a lost answer, a
 * deadline, a failed inspect, the engine gone), finds out from the engine whether the container exists, by the
 * label this request put on it: if it does, the failure is an init failure carrying its id (Pulumi keeps it in
 * the stack and the next up resumes it); "Nothing was created" only when the engine says so.
 */
async function afterCreateFault(client: EngineClient, inputs: Inputs, attempt: string, err: unknown): Promise<Error> {
  const message = (err as Error).message.replace(/\.$/, "");
  let ids: string[];
  try {
    ids = (await client.docker.listContainers({ all: true, filters: labelFilter({ attempt }) })).map((c) => c.Id);
  } catch (lookupErr) {
    const identity = identityIn(inputs);
    return shaped(
      new Error(
        `${message}. Whether the container was created is unknown: looking for it failed too (${engineMessage(lookupErr)}). ` +
          (identity
            ? `The next \`pulumi up\` finds it by its label ${IDENTITY_LABEL}=${identity} and takes it over or removes it`
            : "Check with docker ps -a before running `pulumi up` again"),
      ),
    );
  }
  if (!ids.length) return shaped(new Error(`${message}. Nothing was created (the engine has no container from this request)`));
  const container = client.docker.getContainer(ids[0]);
  const info = await container.inspect().catch(() => undefined);
  return initFailure(
    `${message}. The engine did create the container (${ids[0].slice(0, 12)}): it is kept in the stack, and the next \`pulumi up\` finishes it`,
    ids[0],
    info ? containerOutputs(inputs, info) : knownOutputs(inputs),
    inputs,
  );
}

/**
 * Creates the container, checks that the engine kept every value, and joins its other networks: everything but
 * files and the first start. `name`: created under this name instead of the declared one (a swap's new container
 * waits under another name until the old one gives the name up). `inputs` come back with the name it got.
 */
export async function createStopped(client: EngineClient, declared: Inputs, ctx: Context, name?: string): Promise<{ container: Docker.Container; inputs: Inputs }> {
  const body = createBody(ctx);
  if (name !== undefined) body.name = name;
  const attempt = newAttempt();
  body.Labels = { ...(body.Labels ?? {}), ...identityLabels(identityIn(declared), attempt) };
  let container: Docker.Container;
  let inputs = declared;
  try {
    ({ container, inputs } = await createNamed(client, body, declared));
  } catch (err) {
    if (faultOf(err) === "refused") {
      const hint =
        statusOf(err) === 409
          ? "Another container already has this name: remove it, choose another name, or set adopt: true to take it over"
          : "Nothing was created";
      throw containerError(`cannot create ${describe(declared)}`, err, hint);
    }
    throw await afterCreateFault(client, declared, attempt, containerError(`cannot create ${describe(declared)}`, err));
  }
  try {
    const created = await verifyCreated(container, inputs, ctx, name !== undefined);
    await connectOtherNetworks(client, container, inputs, ctx, created);
  } catch (err) {
    if ((err as { nothingLeft?: boolean }).nothingLeft) throw err;
    throw await afterCreateFault(client, inputs, attempt, isShaped(err) ? err : callError(`cannot create ${describe(inputs)}`, err));
  }
  return { container, inputs };
}

async function createNew(client: EngineClient, declared: Inputs, ctx: Context): Promise<{ id: string; outs: Inputs }> {
  const { container, inputs } = await createStopped(client, declared, ctx);
  const to = (ctx.desired.state as RunState | undefined) ?? "running";
  const { info, extra } = await bringUp(client, container, inputs, { from: "stopped", to, fresh: true });
  return { id: info.Id, outs: { ...containerOutputs(inputs, info), ...extra } };
}

/** The container that holds the declared name, for `adopt: true`. */
async function adoptable(client: EngineClient, inputs: Inputs): Promise<Docker.ContainerInspectInfo | undefined> {
  if (typeof inputs.name !== "string") return undefined;
  try {
    const info = await client.docker.getContainer(inputs.name).inspect();
    // The engine also resolves id prefixes: only a container with exactly this name is adopted.
    return info.Name.replace(/^\//, "") === inputs.name ? info : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * `adopt: true`: the container that already has the declared name is taken over instead of failing on the name
 * conflict. What can change in place is changed in place (same container, same process). If anything needs a new
 * container (or files must be uploaded, which happens only before a first start), a new one is created while the
 * existing one waits stopped under another name; it is removed once the new one exists, and restored if create fails.
 */
async function adopt(client: EngineClient, inputs: Inputs, ctx: Context, info: Docker.ContainerInspectInfo): Promise<{ id: string; outs: Inputs }> {
  const short = info.Id.slice(0, 12);
  const containerImage = info.Image === ctx.image.id ? ctx.image : await findImage(client, info.Image);
  const differences = compare(inputs, ctx, info, containerImage ?? ctx.image);
  const replaces = differences.filter((d) => d.mode === "replace");
  if (!replaces.length && inputs.uploads === undefined) {
    await logToEngine(
      differences.length
        ? explainDiff(`${describe(inputs)}: adopting ${short}`, differences)
        : `${describe(inputs)}: adopting ${short}, which already matches the declaration`,
    );
    const { outs } = await update(info.Id, {}, inputs, { ctx, info });
    return { id: info.Id, outs };
  }
  const why = replaces.length ? explainDiff(`${describe(inputs)}: adopting ${short} by replacing it`, replaces) : `${describe(inputs)}: adopting ${short} by replacing it (uploads: files go into a new container)`;
  await logToEngine(why);
  const old = client.docker.getContainer(info.Id);
  const aside = `${inputs.name}-adopted-${info.Id.slice(0, 7)}`;
  await old.stop({ t: (info.Config as { StopTimeout?: number | null }).StopTimeout ?? 10 }).catch((err: unknown) => {
    if (statusOf(err) !== 304) throw containerError(`cannot stop ${describe(inputs)} to replace it`, err);
  });
  await old.rename({ name: aside });
  try {
    const created = await createNew(client, inputs, ctx);
    await removeContainer(old, inputs, info.Id);
    return created;
  } catch (err) {
    const failure = err as Error & { id?: string; reasons?: string[] };
    if (failure.id) {
      // The new container exists (kept in the stack): the one it replaces stays, stopped, under the other name.
      failure.message += ` The container it replaces was kept, stopped, as "${aside}".`;
      if (failure.reasons) failure.reasons = [failure.message];
      throw failure;
    }
    await old.rename({ name: String(inputs.name) }).catch(() => undefined);
    if (info.State.Running) await old.start().catch(() => undefined);
    throw err;
  }
}

/**
 * The engine attaches one network at create: join the others before the first start. If that fails, the
 * container is removed: nothing is left behind for a declaration that cannot be met.
 */
async function connectOtherNetworks(
  client: EngineClient,
  container: Docker.Container,
  inputs: Inputs,
  ctx: Context,
  info: Docker.ContainerInspectInfo,
): Promise<void> {
  const pending = compare(inputs, ctx, info).filter((d) => d.mode === "network");
  try {
    for (const d of pending) await applyNetworks(client, container, inputs, d.desired as Endpoint[], d.actual as Endpoint[]);
  } catch (err) {
    await discard(container, err as Error, `${(err as Error).message.replace(/\.$/, "")}. Nothing was created.`);
  }
}

/**
 * Removes a container that cannot meet its declaration and fails with `message`; when the removal fails too, the
 * original error goes on, and the caller keeps the container in the stack.
 */
async function discard(container: Docker.Container, err: Error, message: string): Promise<never> {
  try {
    await container.remove({ force: true, v: true });
  } catch (removeErr) {
    if (!isNotFound(removeErr)) throw err;
  }
  throw Object.assign(shaped(new Error(message)), { nothingLeft: true });
}

/**
 * The engine accepts some values at create and then drops them (a kernel without the feature, a field this API
 * version does not know). Such a container would differ from its declaration forever: remove it and say which
 * property the engine did not hold. Networks and run state are applied after this point.
 */
async function verifyCreated(container: Docker.Container, inputs: Inputs, ctx: Context, otherName: boolean): Promise<Docker.ContainerInspectInfo> {
  const info = await container.inspect();
  const dropped = compare(inputs, ctx, info).filter((d) => d.mode !== "state" && d.mode !== "network" && !(otherName && d.key === "name"));
  if (!dropped.length) return info;
  const what =
    `cannot create ${describe(inputs)}: the engine accepted but did not keep ${dropped.map((d) => d.key).join(", ")} ` +
    `(${dropped.map((d) => explainDifference(d)).join("; ")}). This engine or its kernel does not support the value`;
  const fix = "Remove the option or choose a value the engine supports.";
  return discard(container, shaped(new Error(`${what}. ${fix}`)), `${what}; nothing was created. ${fix}`);
}
