// `npm run bench`: the end-to-end benchmark (not part of `npm test`). For each N: create, no-op preview,
// in-place change, rename, network join, replace, destroy through the real provider host, against the floor
// (direct dockerode) and the same changes by replacement. Writes bench.json, bench.md and bench.svg.
import { randomBytes } from "crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { cpus, loadavg, tmpdir, totalmem } from "os";
import { join, resolve } from "path";
import { parseArgs } from "util";
import { docker, removeTestObjects, requireEngine } from "../tests/support/engine";
import { ensureTestImages } from "../tests/support/images";
import { benchLifecycle, repoRoot } from "./lifecycle";
import type { PhaseResult } from "./measure";
import { markdown, svgChart, targets } from "./report";

const USAGE = `usage: npm run bench -- [--n 30] [--scaling] [--out bench/results]
  --n N[,N...]   containers per run (default 30)
  --scaling      run N = 10, 30, 100 (overrides --n)
  --out DIR      where bench.json, bench.md and bench.svg go (default bench/results)
  --repeat R     runs of each phase that can run again in place (preview, in-place change, rename, network
                 join; default 3): the median is reported
  --direct       the provider host talks to the engine socket directly (calls not counted): what the proxy costs
  --profile      CPU-profile the provider host and the bench process per phase (slower: for finding where the
                 time goes, not for the numbers; default output then bench/results/profile)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "30" },
      scaling: { type: "boolean", default: false },
      out: { type: "string" },
      profile: { type: "boolean", default: false },
      direct: { type: "boolean", default: false },
      repeat: { type: "string", default: "3" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat takes a positive integer, got "${values.repeat}"`);
  const ns = values.scaling ? [10, 30, 100] : values.n!.split(",").map((s) => Number(s.trim()));
  if (ns.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--n takes positive integers, got "${values.n}"\n${USAGE}`);

  const out = resolve(values.out ?? join(repoRoot(), "bench", "results", values.profile ? "profile" : values.direct ? "direct" : ""));
  mkdirSync(out, { recursive: true });
  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), "dockwright-bench-profile-")) : undefined;

  // Everything the bench creates carries the test label with this run's value, so the sweep below removes
  // exactly this run's objects (other runs may share the engine).
  const run = `bench-${randomBytes(3).toString("hex")}`;
  process.env.DOCKWRIGHT_TEST_RUN = run;
  await requireEngine();
  await ensureTestImages();
  const version = await docker.version();
  const loadBefore = loadavg();
  const results: PhaseResult[] = [];
  const stop = async () => {
    await removeTestObjects({ images: false, scope: "run" });
  };
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  try {
    for (const n of ns) {
      console.log(`N = ${n}`);
      results.push(...(await benchLifecycle({ n, tag: `dwb-${run.slice(6)}-${n}`, log: (l) => console.log(l), profileDir, direct: values.direct, repeat })));
    }
  } finally {
    await stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }

  const meta = {
    date: new Date().toISOString(),
    engine: `dockerd ${version.Version}, API ${version.ApiVersion}, ${version.KernelVersion}`,
    host: `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
    load: `load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")} at the start, ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end (the bench's own load included)`,
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
  };
  writeFileSync(join(out, "bench.json"), `${JSON.stringify({ meta, targets: targets(results), results }, null, 2)}\n`);
  const md = markdown(results, meta);
  writeFileSync(join(out, "bench.md"), md);
  writeFileSync(join(out, "bench.svg"), svgChart(results));
  console.log(`\n${md}\nwritten to ${out}/bench.{json,md,svg}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
