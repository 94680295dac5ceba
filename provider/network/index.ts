// The Network dynamic provider: what the serialized SDK shim delegates to at run time.
import type * as pulumi from "@pulumi/pulumi";
import { replaceOnlyProvider } from "../shared/replace-only-provider";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import type { Inputs } from "./inputs";
import { NETWORK } from "./kind";
import type { NetworkOutputs } from "./outputs";

export const networkProvider = replaceOnlyProvider(NETWORK, { check, create, destroy }) satisfies pulumi.dynamic.ResourceProvider<Inputs, NetworkOutputs>;
