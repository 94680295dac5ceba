// The provider object Pulumi serializes into every resource's state (`__provider`).
// It holds no logic and a single function: the dynamic-provider host calls `configure` once right after it
// loads this object, and that call loads the installed package's compiled provider by name and takes over its
// methods. So the serialized text stays a few hundred bytes, does not change when provider code changes, and
// resolves on any machine or checkout path where dockwright is installed (the host resolves from its cwd).
import type * as pulumi from "@pulumi/pulumi";

type Kind = "container" | "commit";

function shim(kind: Kind): pulumi.dynamic.ResourceProvider {
  const provider = {
    configure(this: Record<string, unknown>, req: unknown) {
      const real = require("dockwright/provider")[kind];
      Object.assign(this, real);
      return real.configure?.(req);
    },
  };
  // check/diff/create/... are installed by configure, which the host always calls before any of them.
  return provider as unknown as pulumi.dynamic.ResourceProvider;
}

export const containerProviderShim = shim("container");
export const commitProviderShim = shim("commit");
