// The Volume dynamic provider: what the serialized SDK shim delegates to at run time.
import type * as pulumi from "@pulumi/pulumi";
import { replaceOnlyProvider } from "../shared/replace-only-provider";
import { check } from "./check";
import { create } from "./create";
import { destroy } from "./destroy";
import type { VolumeOutputs } from "./engine";
import type { Inputs } from "./inputs";
import { VOLUME } from "./kind";

export const volumeProvider = replaceOnlyProvider(VOLUME, { check, create, destroy }) satisfies pulumi.dynamic.ResourceProvider<Inputs, VolumeOutputs>;
