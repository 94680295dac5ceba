// The provider host an e2e file runs its programs through: started before the file's tests, and afterwards every
// stack made with `newStack` destroyed, the host (and the Engine Log server) stopped, the checkout removed.
import { makeCheckout, type Checkout } from "./checkout";
import { EngineLogServer } from "./engine-log";
import { ProviderHost } from "./host";
import { TestStack } from "./stack";

export interface HostFixture {
  readonly host: ProviderHost;
  /** Set with `engineLog: true`: the preview and up messages. */
  readonly engine: EngineLogServer;
  newStack(options?: { project?: string; stack?: string }): TestStack;
}

export function useProviderHost(options: { engineLog?: boolean } = {}): HostFixture {
  let checkout: Checkout | undefined;
  let host: ProviderHost | undefined;
  let engine: EngineLogServer | undefined;
  const stacks: TestStack[] = [];

  beforeAll(async () => {
    checkout = makeCheckout({ copy: false });
    if (options.engineLog) engine = await EngineLogServer.start();
    host = await ProviderHost.start({ cwd: checkout.dir, engineAddress: engine?.address });
  });

  afterAll(async () => {
    for (const stack of stacks) await stack.destroy().catch(() => undefined);
    await host?.stop();
    await engine?.stop();
    checkout?.remove();
  });

  return {
    get host() {
      if (!host) throw new Error("the provider host starts in beforeAll");
      return host;
    },
    get engine() {
      if (!engine) throw new Error("start the fixture with engineLog: true");
      return engine;
    },
    newStack(stackOptions) {
      const stack = new TestStack(this.host, stackOptions);
      stacks.push(stack);
      return stack;
    },
  };
}
