// Update: the container stays. What diff observed moments before is used when it still holds (observed.ts);
// otherwise the container and its image are observed afresh. Then the in-place pipeline (reconcile/in-place.ts).
import { engineClient as dockerClient } from "../docker/client";
import { isNotFound } from "../docker/errors";
import { containerError } from "./errors";
import { describe, type Inputs } from "./inputs";
import { takeObservation } from "./observed";
import { convergeInPlace } from "./reconcile/in-place";
import { imageContext } from "./reconcile/observe";

export async function update(id: string, _olds: Inputs, news: Inputs): Promise<{ outs: Inputs }> {
  const client = await dockerClient(news);
  const container = client.docker.getContainer(id);
  const observed = takeObservation(id, client.endpoint, news);
  if (observed) return convergeInPlace(client, container, news, observed);
  let info;
  try {
    info = await container.inspect();
  } catch (err) {
    const hint = isNotFound(err) ? "It was removed outside Pulumi: run `pulumi refresh`, then `pulumi up`" : undefined;
    throw containerError(`cannot update ${describe(news, id)}`, err, hint);
  }
  // After the inspect, not beside it: acquiring may pull, which is no use for a container that is gone.
  return convergeInPlace(client, container, news, { info, ctx: await imageContext(client, news) });
}
