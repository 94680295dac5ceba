// Runs a command in a running test container and returns its output: proof from inside, not from inspect.
import { docker } from "./engine";

export async function execIn(containerId: string, cmd: string[]): Promise<{ exitCode: number; output: string }> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    // Demultiplex stdout and stderr into one buffer.
    docker.modem.demuxStream(stream, { write: (c: Buffer) => chunks.push(c) } as any, { write: (c: Buffer) => chunks.push(c) } as any);
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode ?? -1, output: Buffer.concat(chunks).toString("utf8") };
}
