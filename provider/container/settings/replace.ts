// How a replacement runs. It steers the provider only: nothing in `docker inspect` reflects it.
import { z } from "zod";
import { defineSetting, type SettingSpec } from "../options/spec";
import { heldWhileRunning } from "../unique";

type UpdateOrder = "stop-first" | "start-first";

/** The order a replacement of these inputs runs in (the default: stop-first). */
export function updateOrderOf(inputs: Record<string, unknown>): UpdateOrder {
  return inputs.updateOrder === "start-first" ? "start-first" : "stop-first";
}

const updateOrder = defineSetting({
  key: "updateOrder",
  schema: z.enum(["stop-first", "start-first"], {
    error: '"stop-first" (the old container stops before the new one starts) or "start-first" (the new one is ready before the old one stops)',
  }),
  crossCheck: (inputs) => {
    if (inputs.updateOrder !== "start-first") return [];
    const held = heldWhileRunning(inputs).filter((h) => h !== "host ports not known yet");
    if (!held.length) return [];
    const portHint = held.some((h) => h.startsWith("host port")) ? ', or publish without a fixed host port ("127.0.0.1::80")' : "";
    return [{
      property: "updateOrder",
      reason:
        `start-first runs the old and the new container side by side, and only one of them can hold ${held.join(", ")}: ` +
        `use "stop-first" (the default)${portHint}`,
    }];
  },
});

export const REPLACE_SETTINGS: SettingSpec[] = [updateOrder];
