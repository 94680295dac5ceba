// Drives the real dynamic-provider host that ships in @pulumi/pulumi over gRPC, as the Pulumi engine does.
import { spawn, type ChildProcess } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const pp = require("@pulumi/pulumi/proto/provider_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");

export type Props = Record<string, any>;

export interface InitFailure {
  id: string;
  properties: Props;
  reasons: string[];
}

/** An error returned by the host; `initFailure` is set when the provider reported ErrorResourceInitFailed. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
  }
}

export interface DiffResponse {
  changes: "unknown" | "none" | "some";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const toStruct = (o: Props) => Struct.fromJavaScript(o);

export class ProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
    private readonly stderrChunks: string[],
  ) {}

  /** The host process's id (read-only: for measuring it, e.g. its peak memory in /proc/<pid>/status). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Everything the host printed on stderr (provider logs and errors). */
  get stderr(): string {
    return this.stderrChunks.join("");
  }

  /**
   * Starts `node @pulumi/pulumi/cmd/dynamic-provider <engine>` in `cwd`: the host resolves the provider's
   * `require("dockwright/provider")` from its working directory, as the Pulumi CLI runs it in the program folder.
   */
  /**
   * `config`: the stack config the engine sends with Configure (keys with their namespace, e.g.
   * `dockwright:host`; values as the engine sends them, strings or wrapped secrets).
   */
  static async start(options: { cwd: string; engineAddress?: string; env?: NodeJS.ProcessEnv; config?: Props }): Promise<ProviderHost> {
    const hostPath = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const child = spawn(process.execPath, [hostPath, options.engineAddress ?? "127.0.0.1:1"], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stderrChunks: string[] = [];
    child.stderr!.on("data", (d) => stderrChunks.push(d.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d) => {
        out += d.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n")) resolve(line.trim());
      });
      child.once("exit", (code) => reject(new Error(`provider host exited (${code}) before listening: ${stderrChunks.join("")}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new ProviderHost(child, client, stderrChunks);
    const cfg = new pp.ConfigureRequest();
    cfg.setArgs(toStruct(options.config ?? {}));
    await host.call("configure", cfg);
    return host;
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once("exit", r));
      this.child.kill();
      await exited;
    }
  }

  private call(method: string, request: unknown): Promise<any> {
    return new Promise((resolve, reject) =>
      this.client[method](request, (err: grpc.ServiceError | null, res: any) => {
        if (!err) return resolve(res);
        reject(new HostError(err.details || err.message, initFailureOf(err)));
      }),
    );
  }

  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const r = new pp.CheckRequest();
    r.setUrn(urn);
    r.setOlds(toStruct(olds));
    r.setNews(toStruct(news));
    const res = await this.call("check", r);
    return {
      inputs: res.getInputs()?.toJavaScript() ?? {},
      failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<DiffResponse> {
    const r = new pp.DiffRequest();
    r.setUrn(urn);
    r.setId(id);
    r.setOlds(toStruct(olds));
    r.setNews(toStruct(news));
    r.setOldInputs(toStruct(oldInputs));
    const res = await this.call("diff", r);
    return {
      changes: (["unknown", "none", "some"] as const)[res.getChanges()],
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const r = new pp.CreateRequest();
    r.setUrn(urn);
    r.setProperties(toStruct(properties));
    const res = await this.call("create", r);
    return { id: res.getId(), properties: res.getProperties().toJavaScript() };
  }

  async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<Props> {
    const r = new pp.UpdateRequest();
    r.setUrn(urn);
    r.setId(id);
    r.setOlds(toStruct(olds));
    r.setNews(toStruct(news));
    r.setOldInputs(toStruct(oldInputs));
    const res = await this.call("update", r);
    return res.getProperties().toJavaScript();
  }

  async read(urn: string, id: string, properties: Props, inputs: Props): Promise<{ id: string; properties: Props; inputs?: Props }> {
    const r = new pp.ReadRequest();
    r.setUrn(urn);
    r.setId(id);
    r.setProperties(toStruct(properties));
    r.setInputs(toStruct(inputs));
    const res = await this.call("read", r);
    return { id: res.getId(), properties: res.getProperties()?.toJavaScript() ?? {}, inputs: res.getInputs()?.toJavaScript() };
  }

  async delete(urn: string, id: string, properties: Props): Promise<void> {
    const r = new pp.DeleteRequest();
    r.setUrn(urn);
    r.setId(id);
    r.setProperties(toStruct(properties));
    await this.call("delete", r);
  }
}

function initFailureOf(err: grpc.ServiceError): InitFailure | undefined {
  const raw = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!raw) return undefined;
  const status = statusproto.Status.deserializeBinary(raw as Buffer);
  for (const detail of status.getDetailsList()) {
    if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
    const init = detail.unpack(pp.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
    return { id: init.getId(), properties: init.getProperties()?.toJavaScript() ?? {}, reasons: init.getReasonsList() };
  }
  return undefined;
}
