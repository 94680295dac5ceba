// What the provider needs to know about secrets it cannot see. The dynamic-provider host hands every input over in
// plain text, and Pulumi marks an output secret only when an input of the same name was secret.
import * as pulumi from "@pulumi/pulumi";

/**
 * - `logs`: no value, but secret whenever any input is, so the `logs` output (what a job printed, which can
 *   echo any input) is stored as a secret then.
 * - `__secretInputs`: whether any input is secret, so the provider never quotes container output in an error.
 */
export function secretMarkers(props: Record<string, unknown>): { logs: pulumi.Output<undefined>; __secretInputs: pulumi.Output<boolean> } {
  const all = pulumi.output(props);
  return { logs: all.apply(() => undefined), __secretInputs: pulumi.output(pulumi.isSecret(all)) };
}
