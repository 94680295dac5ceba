// Deleting a network or volume waits briefly for its users to go: the engine orders deletes by dependency, so
// the stack's own containers are normally gone already; this covers one removed in parallel (a container that
// names the network as a plain string, not as the Network's output, has no dependency on it). 10 s: with 5 s, a test
// whose container takes 1 s to stop failed once on a machine at load 10 (2 cores).
const USERS_WAIT_MS = 10000;

/** Polls `users` until it is empty or the deadline passes; returns what is left. */
export async function waitForNoUsers<T>(users: () => Promise<T[]>, timeoutMs = USERS_WAIT_MS): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await users();
    if (!left.length || Date.now() >= deadline) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
