// Containers made outside Pulumi that use a network or volume, as another tool or a person would.
import { BASE_IMAGE } from "./images";
import { docker, testLabels } from "./engine";

/** A running container attached to `network` and/or mounting `volume` at /data; `sleep` as PID 1 ignores SIGTERM. */
export async function outsideUser(name: string, use: { network?: string; volume?: string }) {
  const container = await docker.createContainer({
    name,
    Image: BASE_IMAGE,
    Cmd: ["sleep", "2147483647"],
    Labels: testLabels(),
    HostConfig: {
      ...(use.network ? { NetworkMode: use.network } : {}),
      ...(use.volume ? { Binds: [`${use.volume}:/data`] } : {}),
    },
  });
  await container.start();
  return container;
}
