import { isDeepStrictEqual } from "util";
import { dockerClient } from "../docker/client";
import { declaredEngine } from "../docker/endpoint-select";
import { isNotFound } from "../docker/errors";
import { logToEngine } from "../engine-log";
import { containsUnknown } from "../unknown";
import { inspectImage } from "./engine";
import { identityIn, rememberKnown } from "../identity";
import type { ExplainedDiff } from "../shared/diff-result";
import { canonical, changedInputs, describe, reference, type InputKey, type Inputs } from "./inputs";

function show(value: unknown): string {
  return containsUnknown(value) ? "(known after other resources are created)" : (JSON.stringify(value) ?? "unset");
}

/**
 * A commit is immutable: any input change, a new container behind the same name, the image removed, or its
 * tag moved to another image outside Pulumi all mean a new commit. The new image is made before the old one is
 * removed (a container started from the old one is replaced in between).
 */
export async function diff(id: string, olds: Inputs, news: Inputs): Promise<ExplainedDiff> {
  // The stack's own image: a replacement's create must not take it for a leftover.
  rememberKnown(identityIn(news) ?? identityIn(olds), id);
  if (containsUnknown(news.host) || declaredEngine(olds) !== declaredEngine(news)) {
    // The container (and so the commit) is on another engine: commit there; the old image goes from the old one.
    const reason = `host: ${show(olds.host)} -> ${show(news.host)}`;
    await logToEngine(`${describe(news)}: ${reason} (replace)`);
    return { changes: true, replaces: ["host", ...changedInputs(olds, news)], deleteBeforeReplace: false, reasons: [reason] };
  }
  // The image is where it was made: the engine the stored outputs name.
  const client = await dockerClient(olds);
  const changed = changedInputs(olds, news);
  const replaces: string[] = [...changed];
  const reasons = changed.map((key: InputKey) => `${key}: ${show(canonical(key, olds))} -> ${show(news[key] === undefined ? canonical(key, news) : news[key])}`);

  if (!changed.includes("container") && typeof news.container === "string") {
    try {
      const current = await client.docker.getContainer(news.container).inspect();
      if (olds.containerId !== undefined && current.Id !== olds.containerId) {
        replaces.push("containerId");
        reasons.push(`container "${news.container}" is now another container (${current.Id.slice(0, 12)})`);
      }
    } catch (err) {
      // The source container is gone: the image it left stays valid, nothing to redo.
      if (!isNotFound(err)) throw err;
    }
  }

  const image = await inspectImage(client, id);
  if (!image) {
    replaces.push("imageId");
    reasons.push(`image ${id.slice(7, 19)} was removed outside Pulumi: a new commit will be made`);
  } else if (!changed.includes("repository") && !changed.includes("tag")) {
    const ref = reference(news);
    if (ref !== undefined) {
      const tagged = await inspectImage(client, ref);
      if (tagged?.Id !== image.Id) {
        replaces.push("repoTags");
        reasons.push(
          tagged
            ? `${ref} was moved to another image (${tagged.Id.slice(7, 19)}) outside Pulumi: a new commit will take it back`
            : `${ref} was untagged outside Pulumi: a new commit will be made`,
        );
      }
    }
  }
  if (reasons.length) await logToEngine(`${describe(news)}: ${reasons.join("; ")} (replace)`);
  // New TLS material for the same engine: no new commit, but stored (an update), so delete uses it.
  const tlsChanged =
    (!containsUnknown(news.tls) && !isDeepStrictEqual(olds.tls, news.tls)) ||
    (!containsUnknown(news.engineTimeouts) && !isDeepStrictEqual(olds.engineTimeouts, news.engineTimeouts));
  return { changes: replaces.length > 0 || tlsChanged, replaces, deleteBeforeReplace: false, reasons };
}
