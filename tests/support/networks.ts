// User networks for tests, labelled, with a subnet derived from the run id so that runs sharing an engine
// (and the suites of one run) do not ask for overlapping address pools.
import { docker, testLabels, TEST_LABEL } from "./engine";

let next = 0;

/** Creates a labelled network; with `subnet: true` it gets its own /24 and `address(n)` gives a static address in it. */
export async function testNetwork(name: string, options: { subnet?: boolean } = {}) {
  const run = testLabels()[TEST_LABEL];
  const seed = parseInt(run.slice(0, 4), 16) || 0;
  const prefix = options.subnet ? `10.${100 + ((seed + next++ * 7 + process.pid) % 100)}.${seed % 250}` : undefined;
  await docker.createNetwork({
    Name: name,
    Labels: testLabels(),
    ...(prefix ? { IPAM: { Config: [{ Subnet: `${prefix}.0/24` }] } } : {}),
  });
  return {
    name,
    address: (n: number) => {
      if (!prefix) throw new Error(`network ${name} has no subnet of its own`);
      return `${prefix}.${n}`;
    },
    remove: () => docker.getNetwork(name).remove().catch(() => undefined),
  };
}

/**
 * A /24 for a Network resource a test declares, away from the pools of `testNetwork` (10.100-199.x) and the
 * engine's defaults; random per call so runs sharing the engine rarely meet (the engine refuses an overlap).
 */
export function freeSubnet(): { subnet: string; address(n: number): string } {
  const bytes = require("crypto").randomBytes(2) as Buffer;
  const prefix = `10.${20 + (bytes[0] % 70)}.${bytes[1]}`;
  return { subnet: `${prefix}.0/24`, address: (n) => `${prefix}.${n}` };
}
