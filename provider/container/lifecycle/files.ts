// Files written into a new container after create and before its first start: one tar stream, extracted by the
// engine at "/" (it creates missing parent folders, root-owned, 0755).
import type Docker from "dockerode";
import { pack } from "tar-stream";
import type { DockerClient } from "../../docker/client";
import { engineMessage } from "../../docker/errors";
import type { Inputs } from "../inputs";
import { fingerprintKey } from "../options/spec";
import { uploadEntries, uploadsFingerprint, type Upload, type UploadEntry } from "./upload-entries";

function archive(entries: UploadEntry[]): Promise<Buffer> {
  const tar = pack();
  for (const e of entries) {
    const header = { name: e.name, mode: e.mode, uid: e.uid, gid: e.gid, mtime: new Date(0) };
    if (e.type === "directory") tar.entry({ ...header, type: "directory" });
    else if (e.type === "symlink") tar.entry({ ...header, type: "symlink", linkname: e.linkname });
    else tar.entry({ ...header, type: "file" }, e.data!);
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    tar.on("data", (c: unknown) => void chunks.push(c as Buffer));
    tar.on("end", () => resolve(Buffer.concat(chunks)));
    tar.on("error", reject);
  });
}

export async function writeFiles(_client: DockerClient, container: Docker.Container, inputs: Inputs): Promise<void> {
  const uploads = inputs.uploads as Upload[] | undefined;
  if (!uploads?.length) return;
  const entries = uploadEntries(uploads);
  // The local files must still be what the preview saw: otherwise the container would hold unreviewed bytes.
  const expected = inputs[fingerprintKey("uploads")];
  if (expected !== undefined && uploadsFingerprint(entries) !== expected) {
    throw new Error("the uploads' local source files changed since the preview: run `pulumi up` again");
  }
  try {
    await container.putArchive(await archive(entries), { path: "/" });
  } catch (err) {
    // Never the content: it may be a secret. The paths and the engine's reason are enough.
    throw new Error(`cannot write ${uploads.map((u) => u.path).join(", ")}: ${engineMessage(err)}`);
  }
}
