// A small Pulumi engine for tests: runs real Pulumi programs on the SDK's mock monitor and forwards every
// dynamic resource, exactly as the SDK serialized it, to the real provider host. State is kept between
// runs, so a test can run up, preview, refresh and destroy like a user would.
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { randomBytes } from "crypto";
import { isDeepStrictEqual } from "util";
import { HostError, type ProviderHost, type Props } from "./host";
const settings = require("@pulumi/pulumi/runtime/settings");
const resproto = require("@pulumi/pulumi/proto/resource_pb");

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Op = "create" | "same" | "update" | "replace" | "delete" | "refresh";

export interface Step {
  op: Op;
  /** For replace: the properties the provider said force it. */
  replaces?: string[];
  deleteBeforeReplace?: boolean;
  /** For refresh: whether the stored outputs changed. */
  changed?: boolean;
}

export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  id: string;
  inputs: Props;
  outputs: Props;
  /** Top-level properties that came in as secrets. */
  secretKeys: string[];
  /** Set when create or update reported an init failure: the next up calls update even with no diff. */
  initErrors?: string[];
  /** URNs this resource depends on (dependsOn and inputs from other resources): deleted only after it. */
  dependencies?: string[];
}

export interface RunResult {
  steps: Record<string, Step>;
  outputs: Record<string, Props>;
  errors: Error[];
}

export type Program = () => void | Promise<void>;

function unwrapSecrets(value: any, onSecret: () => void): any {
  if (Array.isArray(value)) return value.map((v) => unwrapSecrets(v, onSecret));
  if (value && typeof value === "object") {
    if (value[SECRET_SIG_KEY] === SECRET_SIG) {
      onSecret();
      return unwrapSecrets(value.value, onSecret);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v, onSecret)]));
  }
  return value;
}

function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (value && typeof value === "object") return Object.values(value).some(hasUnknown);
  return false;
}

export interface CallRecord {
  op: "create" | "update" | "delete";
  name: string;
  start: number;
  end: number;
}

// Jest gives tests a copy of `process`; unhandled rejections are emitted on the real one.
const realProcess: NodeJS.Process = require("vm").runInThisContext("process");

let stackCount = 0;

export class TestStack {
  /** Resources in creation order (the engine deletes in reverse). */
  state: ResourceState[] = [];
  /** Replaced resources whose delete failed: kept, and deleted first by the next up or destroy, as Pulumi does. */
  pendingDeletes: ResourceState[] = [];
  /** Every create, update and delete sent to the host, with its timing (to show what ran concurrently). */
  readonly calls: CallRecord[] = [];
  readonly project: string;
  readonly stackName: string;

  constructor(
    readonly host: ProviderHost,
    options: { project?: string; stack?: string } = {},
  ) {
    this.project = options.project ?? "dockwright-test";
    // Unique per stack: the identity labels (provider/identity.ts) come from project, stack and resource name, and
    // test files (and other test runs on a shared engine) reuse resource names.
    this.stackName = options.stack ?? `test-${process.env.DOCKWRIGHT_TEST_RUN ?? "local"}-${randomBytes(3).toString("hex")}-${++stackCount}`;
  }

  urnOf(type: string, name: string): string {
    return `urn:pulumi:${this.stackName}::${this.project}::${type}::${name}`;
  }

  resource(name: string): ResourceState | undefined {
    return this.state.find((r) => r.name === name);
  }

  /** `pulumi up`: throws when any step failed, unless `allowErrors`. */
  up(program: Program, options: { allowErrors?: boolean } = {}): Promise<RunResult> {
    return this.run(program, false, options.allowErrors);
  }

  /** `pulumi preview`: Check and Diff only; nothing changes, on the engine or in state. */
  preview(program: Program, options: { allowErrors?: boolean } = {}): Promise<RunResult> {
    return this.run(program, true, options.allowErrors);
  }

  /**
   * `pulumi refresh`: Read for every resource; a resource whose read returns no id leaves the state. A step is
   * `changed` when an up right after the refresh would change the resource (the engine's refresh diff).
   */
  async refresh(): Promise<RunResult> {
    const result: RunResult = { steps: {}, outputs: {}, errors: [] };
    for (const res of [...this.state]) {
      try {
        const read = await this.host.read(res.urn, res.id, res.outputs, res.inputs);
        if (!read.id) {
          this.state = this.state.filter((r) => r !== res);
          result.steps[res.name] = { op: "delete" };
          continue;
        }
        // As the engine does (unless its legacy refresh diff is chosen): the refresh changed something when an up
        // right after it would, i.e. Diff with what was read as the old state and the stored inputs as the new.
        const inputs = read.inputs ?? res.inputs;
        const diff = await this.host.diff(res.urn, read.id, read.properties, res.inputs, inputs);
        const changed = diff.changes === "some" || diff.replaces.length > 0;
        Object.assign(res, { id: read.id, outputs: read.properties, inputs });
        result.steps[res.name] = { op: "refresh", changed };
        result.outputs[res.name] = read.properties;
      } catch (err) {
        result.errors.push(err as Error);
      }
    }
    return this.finish(result, false);
  }

  /** `pulumi destroy`: Delete with the stored outputs, dependents first; the program does not run. */
  async destroy(): Promise<RunResult> {
    const result: RunResult = { steps: {}, outputs: {}, errors: [] };
    await this.retryPendingDeletes(result);
    await this.deleteInOrder([...this.state], result, (res) => (result.steps[res.name] = { op: "delete" }));
    return this.finish(result, false);
  }

  /**
   * Deletes as the engine does (its ScheduleDeletes): the condemned resources are split into layers, the first
   * holding those that depend on no other condemned resource, the next those that depend only on the first, and so
   * on; the layers run last to first, each one's deletes at once. So a resource goes only after everything that
   * depends on it, and two independent resources are not always deleted together. A failed delete stops the run
   * after its layer, and leaves the resource in state.
   */
  private async deleteInOrder(
    doomed: ResourceState[],
    result: RunResult,
    onDeleted: (res: ResourceState) => void,
    onFailed: (res: ResourceState) => void = () => undefined,
  ): Promise<void> {
    const layers: ResourceState[][] = [];
    let condemned = doomed;
    while (condemned.length) {
      const layer = condemned.filter((res) => !res.dependencies?.some((urn) => condemned.some((o) => o !== res && o.urn === urn)));
      // A cycle cannot come from a program; never loop on one.
      if (!layer.length) throw new Error(`dependency cycle among ${condemned.map((r) => r.name).join(", ")}`);
      layers.push(layer);
      condemned = condemned.filter((res) => !layer.includes(res));
    }
    for (const layer of layers.reverse()) {
      let failed = false;
      await Promise.all(
        layer.map(async (res) => {
          try {
            await this.timed("delete", res.name, () => this.host.delete(res.urn, res.id, res.outputs));
            this.state = this.state.filter((r) => r !== res);
            onDeleted(res);
          } catch (err) {
            failed = true;
            onFailed(res);
            result.errors.push(err as Error);
          }
        }),
      );
      if (failed) return;
    }
  }

  /** Replaced resources whose delete failed in an earlier run: deleted first, as the engine does. */
  private async retryPendingDeletes(result: RunResult): Promise<void> {
    for (const res of [...this.pendingDeletes]) {
      try {
        await this.timed("delete", res.name, () => this.host.delete(res.urn, res.id, res.outputs));
        this.pendingDeletes = this.pendingDeletes.filter((r) => r !== res);
      } catch (err) {
        result.errors.push(err as Error);
      }
    }
  }

  private async timed<T>(op: CallRecord["op"], name: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.calls.push({ op, name, start, end: performance.now() });
    }
  }

  private finish(result: RunResult, allowErrors: boolean | undefined): RunResult {
    if (result.errors.length && !allowErrors) {
      throw new Error(`the run failed:\n${result.errors.map((e) => `  ${e.message}`).join("\n")}`);
    }
    return result;
  }

  private async run(program: Program, preview: boolean, allowErrors: boolean | undefined): Promise<RunResult> {
    const result: RunResult = { steps: {}, outputs: {}, errors: [] };
    if (!preview) await this.retryPendingDeletes(result);
    const registered = new Set<string>();
    const pendingDeletes: ResourceState[] = [];
    const inFlight = new Set<Promise<unknown>>();

    await pulumi.runtime.setMocks(
      {
        newResource: () => {
          throw new Error("replaced by the forwarding monitor");
        },
        call: () => ({}),
      },
      this.project,
      this.stackName,
      preview,
    );
    const monitor = settings.getMonitor();
    monitor.registerResource = (req: any, callback: (err: any, res?: any) => void) => {
      const work = this.register(req, preview, registered, pendingDeletes, result).then(
        ({ urn, id, object }) => {
          const res = new resproto.RegisterResourceResponse();
          res.setUrn(urn);
          res.setId(id);
          res.setObject(Struct.fromJavaScript(object));
          callback(null, res);
        },
        (err) => {
          result.errors.push(err);
          callback(err);
        },
      );
      inFlight.add(work);
      work.finally(() => inFlight.delete(work));
    };

    // A failed resource rejects the outputs that depend on it; the engine reports those as the run's errors.
    // The SDK rejects the outputs of a failed resource and nothing awaits them. While the program runs they are
    // the run's errors (as the engine reports them), not the test framework's unhandled errors.
    const frameworkListeners = realProcess.listeners("unhandledRejection");
    realProcess.removeAllListeners("unhandledRejection");
    // Handled here by this listener; attaching a catch afterwards would only make Node warn that it came late.
    const onRejection = (reason: unknown) => {
      const message = (reason as Error)?.message ?? String(reason);
      if (!result.errors.some((e) => message.includes(e.message))) result.errors.push(reason as Error);
    };
    realProcess.on("unhandledRejection", onRejection);
    try {
      try {
        await program();
      } catch (err) {
        result.errors.push(err as Error);
      }
      do {
        await settings.waitForRPCs();
        await Promise.all([...inFlight]);
        await new Promise((r) => setImmediate(r));
      } while (inFlight.size > 0);
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      realProcess.off("unhandledRejection", onRejection);
      for (const listener of frameworkListeners) realProcess.on("unhandledRejection", listener);
    }

    // Resources no longer in the program, and the old halves of create-before-delete replacements, deleted at the
    // end in dependency order, concurrently where nothing orders them.
    const unregistered = this.state.filter((r) => !registered.has(r.urn));
    for (const res of unregistered) result.steps[res.name] = { op: "delete" };
    if (!preview) {
      const doomed = [...pendingDeletes, ...(result.errors.length ? [] : unregistered)];
      // A replaced resource whose delete fails stays pending: the next run deletes it first.
      await this.deleteInOrder(doomed, result, () => undefined, (res) => pendingDeletes.includes(res) && this.pendingDeletes.push(res));
    }
    return this.finish(result, allowErrors);
  }

  private async register(
    req: any,
    preview: boolean,
    registered: Set<string>,
    pendingDeletes: ResourceState[],
    result: RunResult,
  ): Promise<{ urn: string; id: string; object: Props }> {
    const type: string = req.getType();
    const name: string = req.getName();
    const urn = this.urnOf(type, name);
    registered.add(urn);
    if (!req.getCustom()) return { urn, id: "", object: {} };
    if (!type.startsWith("pulumi-nodejs:dynamic")) throw new Error(`the test engine only runs dynamic resources, not ${type}`);

    // The wire form: secrets wrapped, unknowns as the sentinel. The host does not accept secrets, so the
    // engine sends them in plain text and marks the same output keys secret again.
    const wire = req.getObject().toJavaScript();
    const secretKeys: string[] = [];
    const news: Props = {};
    for (const [k, v] of Object.entries(wire)) news[k] = unwrapSecrets(v, () => secretKeys.includes(k) || secretKeys.push(k));
    const reply = (id: string, outputs: Props) => {
      result.outputs[name] = outputs;
      const object = Object.fromEntries(
        Object.entries(outputs).map(([k, v]) => [k, secretKeys.includes(k) ? { [SECRET_SIG_KEY]: SECRET_SIG, value: v } : v]),
      );
      return { urn, id, object };
    };

    // Every resource this one depends on: explicit dependsOn and the resources its inputs came from.
    const dependencies: string[] = [...req.getDependenciesList()];
    const old = this.resource(name);
    const checked = await this.host.check(urn, old?.inputs ?? {}, news);
    if (checked.failures.length) {
      throw new Error(
        `${urn}: ${checked.failures.map((f) => `property ${f.property} has a problem: ${f.reason}`).join("; ")}`,
      );
    }
    const inputs = checked.inputs;

    if (!old) {
      result.steps[name] = { op: "create" };
      if (preview) return reply("", inputs);
      const created = await this.createOrKeep(urn, type, name, inputs, secretKeys, dependencies);
      return reply(created.id, created.outputs);
    }

    const diff = await this.host.diff(urn, old.id, old.outputs, inputs, old.inputs);
    const changed =
      diff.changes === "some" || (diff.changes === "unknown" && !isDeepStrictEqual(old.inputs, inputs)) || !!old.initErrors;
    if (diff.replaces.length) {
      const deleteBeforeReplace = diff.deleteBeforeReplace || req.getDeletebeforereplace();
      result.steps[name] = { op: "replace", replaces: diff.replaces, deleteBeforeReplace };
      if (preview) return reply("", inputs);
      if (deleteBeforeReplace) {
        await this.timed("delete", name, () => this.host.delete(urn, old.id, old.outputs));
        this.state = this.state.filter((r) => r !== old);
      }
      const created = await this.createOrKeep(urn, type, name, inputs, secretKeys, dependencies, deleteBeforeReplace ? undefined : old);
      // The old one is deleted at the end of the run, and only once its replacement exists.
      if (!deleteBeforeReplace) pendingDeletes.push(old);
      return reply(created.id, created.outputs);
    }
    if (!changed) {
      result.steps[name] = { op: "same" };
      Object.assign(old, { inputs, dependencies });
      return reply(old.id, old.outputs);
    }
    result.steps[name] = { op: "update" };
    // A dynamic provider cannot preview an update: the engine answers with the checked inputs alone, so outputs
    // that are not inputs (a generated name, the bound ports) are unknown to the program until up.
    if (preview) return reply(old.id, inputs);
    try {
      const outputs = await this.timed("update", name, () => this.host.update(urn, old.id, old.outputs, inputs, old.inputs));
      Object.assign(old, { inputs, outputs, secretKeys, dependencies, initErrors: undefined });
      return reply(old.id, outputs);
    } catch (err) {
      const init = err instanceof HostError ? err.initFailure : undefined;
      if (init) Object.assign(old, { inputs, outputs: init.properties, dependencies, initErrors: init.reasons });
      throw err;
    }
  }

  /** Create; an init failure keeps the id and properties in state, as the engine does. */
  private async createOrKeep(
    urn: string,
    type: string,
    name: string,
    inputs: Props,
    secretKeys: string[],
    dependencies: string[],
    replacing?: ResourceState,
  ): Promise<ResourceState> {
    const put = (res: ResourceState) => {
      const at = replacing ? this.state.indexOf(replacing) : -1;
      if (at >= 0) this.state.splice(at, 1, res);
      else this.state.push(res);
      return res;
    };
    try {
      const created = await this.timed("create", name, () => this.host.create(urn, inputs));
      return put({ urn, type, name, id: created.id, inputs, outputs: created.properties, secretKeys, dependencies });
    } catch (err) {
      const init = err instanceof HostError ? err.initFailure : undefined;
      if (init) put({ urn, type, name, id: init.id, inputs, outputs: init.properties, secretKeys, dependencies, initErrors: init.reasons });
      throw err;
    }
  }
}

export { hasUnknown };
