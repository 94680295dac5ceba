// The floor: the fewest Engine API calls that reach the same end state as each benchmark phase, issued
// directly with dockerode at the same concurrency (all containers at once, as the stack runs resources).
import Docker from "dockerode";

/** What one benchmark container looks like after a phase (the same values the program declares). */
export interface Shape {
  name: string;
  memoryBytes: number;
  nanoCpus: number;
  /** User network joined besides the default bridge. */
  network?: string;
  env?: string[];
}

export class Floor {
  private readonly ids: string[] = [];

  constructor(
    private readonly docker: Docker,
    private readonly image: string,
    private readonly labels: Record<string, string>,
  ) {}

  private all(n: number, work: (i: number) => Promise<unknown>): Promise<unknown> {
    return Promise.all(Array.from({ length: n }, (_, i) => work(i)));
  }

  private async createAndStart(shape: Shape): Promise<string> {
    const c = await this.docker.createContainer({
      name: shape.name,
      Image: this.image,
      Labels: this.labels,
      Env: shape.env,
      HostConfig: { Memory: shape.memoryBytes, NanoCpus: shape.nanoCpus },
    });
    // API 1.41 attaches one network at create: the second one is a connect before start.
    if (shape.network) await this.docker.getNetwork(shape.network).connect({ Container: c.id });
    await c.start();
    return c.id;
  }

  /** create + start: 2 calls. */
  create(n: number, shape: (i: number) => Shape): Promise<unknown> {
    return this.all(n, async (i) => (this.ids[i] = await this.createAndStart(shape(i))));
  }

  /** Knowing nothing changed takes one inspect. */
  noop(n: number): Promise<unknown> {
    return this.all(n, (i) => this.docker.getContainer(this.ids[i]).inspect());
  }

  /** Memory and CPUs in place: 1 update (Memory with MemorySwap, as the engine requires when raising it). */
  resize(n: number, shape: (i: number) => Shape): Promise<unknown> {
    return this.all(n, (i) => {
      const s = shape(i);
      return this.docker.getContainer(this.ids[i]).update({ Memory: s.memoryBytes, MemorySwap: 2 * s.memoryBytes, NanoCpus: s.nanoCpus });
    });
  }

  /** 1 rename. */
  rename(n: number, shape: (i: number) => Shape): Promise<unknown> {
    return this.all(n, (i) => this.docker.getContainer(this.ids[i]).rename({ name: shape(i).name }));
  }

  /** 1 connect. */
  join(n: number, network: string): Promise<unknown> {
    return this.all(n, (i) => this.docker.getNetwork(network).connect({ Container: this.ids[i] }));
  }

  /** 1 disconnect (puts the join back, to measure it again). */
  leave(n: number, network: string): Promise<unknown> {
    return this.all(n, (i) => this.docker.getNetwork(network).disconnect({ Container: this.ids[i] }));
  }

  /** Replace: remove (force) + create + connect + start: 4 calls. */
  replace(n: number, shape: (i: number) => Shape): Promise<unknown> {
    return this.all(n, async (i) => {
      await this.docker.getContainer(this.ids[i]).remove({ force: true });
      this.ids[i] = await this.createAndStart(shape(i));
    });
  }

  /** 1 remove (force). */
  destroy(n: number): Promise<unknown> {
    return this.all(n, (i) => this.docker.getContainer(this.ids[i]).remove({ force: true }));
  }
}
