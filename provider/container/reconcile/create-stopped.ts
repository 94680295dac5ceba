// Making a container: complete and not started. The create body from the option table, the name it gets, a check
// that the engine kept every value, and its other networks joined. What follows (files, start, readiness) is
// bring-up.ts; create.ts and swap.ts decide when.
import type Docker from "dockerode";
import type { DockerClient } from "../../docker/client";
import { engineMessage, faultOf, isNotFound, statusOf } from "../../docker/errors";
import { IDENTITY_LABEL, identityIn, identityLabels, labelFilter, newAttempt } from "../../identity";
import { callError, containerError, initFailure, isShaped, shaped } from "../errors";
import { explainDifference } from "../explain";
import { AUTONAME_KEY, describe, RESOURCE_NAME_KEY, type Inputs } from "../inputs";
import { autoName } from "../naming";
import { OPTIONS } from "../options";
import type { Context, CreateBody } from "../options/spec";
import { containerOutputs, knownOutputs } from "../outputs";
import { applyNetworkDifference } from "./apply";
import { plan } from "./plan";

/** The create request: each declared option writes its part (options/spec.ts, `write`). */
export function createBody(ctx: Context): CreateBody {
  const body: CreateBody = { HostConfig: {} };
  for (const option of OPTIONS) {
    if (option.key in ctx.desired) option.write(body, ctx.desired[option.key], ctx);
  }
  return body;
}

/** Only `name` and `platform` are query parameters (dockerode would otherwise put the whole body in the URL). */
function createContainer(client: DockerClient, body: CreateBody, name: unknown): Promise<Docker.Container> {
  const { platform, name: _ignored, ...rest } = body;
  const query = Object.fromEntries(Object.entries({ name, platform }).filter(([, v]) => v !== undefined));
  return client.docker.createContainer({ _query: query, _body: rest } as unknown as Docker.ContainerCreateOptions);
}

/**
 * A generated name may be held by the container this one replaces (create-before-delete): then the new
 * container gets a fresh suffix. A name the program gave is never changed. Either way the name is decided before
 * the request is sent; `inputs` come back with the name the container got, so messages name the new container.
 */
async function createNamed(client: DockerClient, body: CreateBody, inputs: Inputs): Promise<{ container: Docker.Container; inputs: Inputs }> {
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

/**
 * After a create request was sent and something failed before the container was reported (a lost answer, a
 * deadline, a failed inspect, the engine gone), finds out from the engine whether the container exists, by the
 * label this request put on it: if it does, the failure is an init failure carrying its id (Pulumi keeps it in
 * the stack and the next up resumes it); "Nothing was created" only when the engine says so. `createdId`: the id
 * the create answered with, when it did: then the container is known to exist even if the engine is gone now.
 */
async function afterCreateFault(client: DockerClient, inputs: Inputs, attempt: string, err: unknown, createdId?: string): Promise<Error> {
  const message = (err as Error).message.replace(/\.$/, "");
  const kept = (id: string, info?: Docker.ContainerInspectInfo) =>
    initFailure(
      `${message}. The engine did create the container (${id.slice(0, 12)}): it is kept in the stack, and the next \`pulumi up\` finishes it`,
      id,
      info ? containerOutputs(inputs, info) : knownOutputs(inputs),
      inputs,
    );
  let ids: string[];
  try {
    ids = (await client.docker.listContainers({ all: true, filters: labelFilter({ attempt }) })).map((c) => c.Id);
  } catch (lookupErr) {
    if (createdId) return kept(createdId);
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
  return kept(ids[0], await client.docker.getContainer(ids[0]).inspect().catch(() => undefined));
}

/**
 * Creates the container, checks that the engine kept every value, and joins its other networks: everything but
 * files and the first start. `name`: created under this name instead of the declared one (a swap's new container
 * waits under another name until the old one gives the name up). `inputs` come back with the name it got.
 */
export async function createStopped(client: DockerClient, declared: Inputs, ctx: Context, name?: string): Promise<{ container: Docker.Container; inputs: Inputs }> {
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
    throw await afterCreateFault(client, inputs, attempt, isShaped(err) ? err : callError(`cannot create ${describe(inputs)}`, err), container.id);
  }
  return { container, inputs };
}

/**
 * The engine attaches one network at create: join the others before the first start. If that fails, the
 * container is removed: nothing is left behind for a declaration that cannot be met.
 */
async function connectOtherNetworks(
  client: DockerClient,
  container: Docker.Container,
  inputs: Inputs,
  ctx: Context,
  info: Docker.ContainerInspectInfo,
): Promise<void> {
  const pending = plan(inputs, ctx, info).by("network");
  try {
    for (const d of pending) await applyNetworkDifference(client, container, inputs, d);
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
  // Created under another name on purpose (a swap): the name is no dropped value.
  const dropped = plan(inputs, ctx, info).differences.filter((d) => d.mode !== "state" && d.mode !== "network" && !(otherName && d.mode === "rename"));
  if (!dropped.length) return info;
  const what =
    `cannot create ${describe(inputs)}: the engine accepted but did not keep ${dropped.map((d) => d.key).join(", ")} ` +
    `(${dropped.map((d) => explainDifference(d)).join("; ")}). This engine or its kernel does not support the value`;
  const fix = "Remove the option or choose a value the engine supports.";
  return discard(container, shaped(new Error(`${what}. ${fix}`)), `${what}; nothing was created. ${fix}`);
}
