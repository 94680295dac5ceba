// Offline test images: a base made from Debian's static busybox, a rich image with every inheritable
// default, and builds that re-point a tag. No registry is involved.
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import { pack, type Pack } from "tar-stream";
import type Docker from "dockerode";
import { docker, IMAGE_PREFIX, TEST_LABEL } from "./engine";

export const BASE_IMAGE = `${IMAGE_PREFIX}/base:latest`;
export const RICH_IMAGE = `${IMAGE_PREFIX}/rich:latest`;

const BUSYBOX = "/bin/busybox";

// PID 1 with a TERM trap, so a graceful stop is immediate.
export const IDLE_SCRIPT = "trap 'exit 0' TERM INT; sleep 2147483647 & wait";

async function follow(stream: NodeJS.ReadableStream, client: Docker = docker): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    client.modem.followProgress(
      stream,
      (err: Error | null, events: { error?: string; errorDetail?: { message?: string } }[]) => {
        const failed = events?.find((e) => e.error || e.errorDetail);
        if (err) reject(err);
        else if (failed) reject(new Error(failed.error ?? failed.errorDetail?.message));
        else resolve();
      },
    ),
  );
}

function rootfsTar(): Pack {
  const applets = execFileSync(BUSYBOX, ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
  const tar = pack();
  // Directories explicitly world-readable: implicit ones would be 0700 and lock out non-root users.
  for (const dir of ["bin", "etc"]) tar.entry({ name: dir, type: "directory", mode: 0o755 });
  tar.entry({ name: "bin/busybox", mode: 0o755 }, readFileSync(BUSYBOX));
  for (const applet of applets) {
    if (applet !== "busybox") tar.entry({ name: `bin/${applet}`, type: "symlink", linkname: "busybox" });
  }
  tar.entry({ name: "tmp", type: "directory", mode: 0o1777 });
  tar.entry({ name: "etc/passwd" }, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
  tar.entry({ name: "etc/group" }, "root:x:0:\nnogroup:x:65534:\n");
  tar.finalize();
  return tar;
}

/** Imports the base image as `tag`; `client` picks the engine (default: the shared test engine). */
export async function importBase(tag = BASE_IMAGE, client: Docker = docker): Promise<void> {
  const [repo, version] = tag.split(":");
  const stream = await client.importImage(rootfsTar() as any, {
    repo,
    tag: version,
    changes: [`CMD ["sh", "-c", "${IDLE_SCRIPT}"]`, `LABEL ${TEST_LABEL}=image`],
  } as any);
  await follow(stream as unknown as NodeJS.ReadableStream, client);
}

/** `docker build -t tag` of a Dockerfile (no other context files). */
export async function buildImage(tag: string, dockerfile: string): Promise<string> {
  const tar = pack();
  tar.entry({ name: "Dockerfile" }, `${dockerfile}\nLABEL ${TEST_LABEL}=image\n`);
  tar.finalize();
  await follow(await docker.buildImage(tar as any, { t: tag, rm: true, forcerm: true }));
  return (await docker.getImage(tag).inspect()).Id;
}

export const RICH_DOCKERFILE = `FROM ${BASE_IMAGE}
LABEL org.example.team="platform" org.example.tier="web"
ENV APP_MODE=production APP_PORT=8080
EXPOSE 8080 9090/udp
VOLUME /data
WORKDIR /srv/app
STOPSIGNAL SIGUSR1
HEALTHCHECK --interval=2s --timeout=1s --retries=2 CMD ["true"]
ENTRYPOINT ["sh", "-c"]
CMD ["trap 'exit 0' USR1; sleep 2147483647 & wait"]`;

export const REPOINT_IMAGE = `${IMAGE_PREFIX}/repoint:latest`;

/** Builds `REPOINT_IMAGE` as version `n`: each call moves the tag to a different image. */
export function buildRepoint(n: number): Promise<string> {
  return buildImage(REPOINT_IMAGE, `FROM ${BASE_IMAGE}\nLABEL org.example.version="${n}"`);
}

async function exists(tag: string): Promise<boolean> {
  return docker.getImage(tag).inspect().then(() => true, () => false);
}

/** Builds the test images that are missing (an engine shared by several runs keeps their image ids stable). */
export async function ensureTestImages(): Promise<void> {
  if (!(await exists(BASE_IMAGE))) await importBase();
  if (!(await exists(RICH_IMAGE))) await buildImage(RICH_IMAGE, RICH_DOCKERFILE);
  if (!(await exists(REPOINT_IMAGE))) await buildRepoint(1);
}
