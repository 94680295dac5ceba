// How the container is deleted, and taking over an existing one. None of these change the container itself.
import { z } from "zod";
import { booleanInput } from "../forms/schemas";
import { defineSetting, type SettingSpec } from "../options/spec";
import { wholeNumber } from "../forms/messages";

const deleteTimeout = defineSetting({
  key: "deleteTimeout",
  // Default: the container's own stop timeout (stopTimeout, else the engine's 10 s).
  schema: z.number({ error: "expected seconds to wait after the stop signal" }).int(wholeNumber("deleteTimeout is whole seconds")).min(0, "deleteTimeout is seconds, 0 or more"),
});

const removeVolumes = defineSetting({
  key: "removeVolumes",
  // Default true: anonymous volumes go with the container (named volumes never do).
  schema: booleanInput,
});

const adopt = defineSetting({
  key: "adopt",
  schema: booleanInput,
  crossCheck: (inputs) =>
    inputs.adopt === true && inputs.name === undefined
      ? [{ property: "adopt", reason: "adopt takes over the container with the given name: set name too" }]
      : [],
});

export const DELETE_SETTINGS: SettingSpec[] = [deleteTimeout, removeVolumes, adopt];
