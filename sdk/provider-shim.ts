// The provider object Pulumi serializes into every resource's state (`__provider`).
// It holds no logic: the dynamic-provider host calls `configure` once right after it loads this object, and that
// call loads the installed package's compiled provider by name and takes over its methods. So the serialized text
// stays small, does not change when provider code changes, and resolves on any machine or checkout path where
// dockwright is installed (the host resolves from its cwd).
import type * as pulumi from "@pulumi/pulumi";

type Kind = "container" | "commit" | "network" | "volume";

function shim(kind: Kind): pulumi.dynamic.ResourceProvider {
  // Until configure has installed the real methods, every method fails. A provider that could not be loaded must
  // never look like one with nothing to do: the host takes a missing delete as done and drops the resource.
  const notLoaded = () => {
    throw new Error("dockwright could not be loaded where Pulumi runs this program: install it there (npm install dockwright)");
  };
  const provider = {
    configure(this: Record<string, unknown>, req: unknown) {
      const real = require("dockwright/provider")[kind];
      Object.assign(this, real);
      return real.configure?.(req);
    },
    check: notLoaded,
    diff: notLoaded,
    create: notLoaded,
    read: notLoaded,
    update: notLoaded,
    delete: notLoaded,
  };
  return provider as unknown as pulumi.dynamic.ResourceProvider;
}

export const containerProviderShim = shim("container");
export const commitProviderShim = shim("commit");
export const networkProviderShim = shim("network");
export const volumeProviderShim = shim("volume");
