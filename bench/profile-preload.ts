// Preloaded into the provider host with `--profile` (NODE_OPTIONS=--require): SIGUSR2 starts a CPU profile,
// the next SIGUSR2 writes it to $DOCKWRIGHT_BENCH_PROFILE_DIR/<n>.cpuprofile. The host itself is not changed.
import { Session } from "inspector";
import { writeFileSync } from "fs";
import { join } from "path";

const dir = process.env.DOCKWRIGHT_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 250 });
  let running = false;
  let n = 0;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      session.post("Profiler.start");
      return;
    }
    running = false;
    const file = join(dir, `${n++}.cpuprofile`);
    session.post("Profiler.stop", (err, result) => {
      writeFileSync(`${file}.tmp`, err ? "{}" : JSON.stringify(result.profile));
      require("fs").renameSync(`${file}.tmp`, file);
    });
  });
}
