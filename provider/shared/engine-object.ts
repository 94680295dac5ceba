// What the shared scaffolding needs to know about one kind of engine object that cannot change in place (a
// network, a volume): its inputs, how to find it on the engine, and how it compares with its declaration.
import type { DockerClient } from "../docker/client";
import type { Inputs } from "./check-inputs";
import type { Drift } from "./drift";

export interface EngineObject<K extends string, Info, Outputs> {
  /** The resource type; messages name the object in lower case ("network"). */
  type: "Network" | "Volume";
  /** What the object is: any change replaces it. */
  inputKeys: readonly K[];
  /** Which engine, and `adopt`: compared with the previous run's inputs only (`host` replaces; the others are stored). */
  settingKeys: readonly string[];
  canonical(key: K, inputs: Inputs): unknown;
  inspect(client: DockerClient, id: string): Promise<Info | undefined>;
  drift(inputs: Inputs, info: Info): Drift<K>[];
  /** The outputs: the inputs it was made from and what the engine reports. */
  outputs(inputs: Inputs, info: Info): Outputs;
  /** The id the engine knows it by. */
  idOf(info: Info): string;
  /** What the preview says of an object removed outside Pulumi. */
  whenGone(client: DockerClient, id: string, olds: Inputs): Promise<string>;
}
