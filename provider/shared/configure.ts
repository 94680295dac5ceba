// Every provider's configure: the dynamic-provider host passes the stack config once per process (dockwright:host,
// dockwright:tls, dockwright:engineTimeouts).
import { configureEngines } from "../docker/client";

export async function configure(req: { config?: { get(key: string): unknown } }): Promise<void> {
  configureEngines(req?.config);
}
