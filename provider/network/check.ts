import { z } from "zod";
import { hostSchema } from "../container/settings/engine";
import type { CheckFailure } from "../container/options/spec";
import { tlsSchema } from "../docker/tls";
import { keyValueInput } from "../shared/check-inputs";
import { checkNamed } from "../shared/check-named";
import { contains, formatCidr, parseAddress, parseCidr, within } from "../shared/cidr";
import { changedInputs, type Inputs } from "./inputs";

const PREDEFINED = ["bridge", "host", "none"];

const cidr = (what: string) =>
  z.string({ error: `expected ${what} in CIDR notation, e.g. 10.10.0.0/16` }).superRefine((v, ctx) => {
    const block = parseCidr(v);
    if (!block) return void ctx.addIssue({ code: "custom", message: `"${v}" is not ${what} in CIDR notation (address/prefix, e.g. 10.10.0.0/16 or fd00:10::/64)` });
    const written = parseAddress(v.trim().split("/")[0])!;
    if (written.value !== block.base) {
      ctx.addIssue({ code: "custom", message: `"${v}" has host bits set: write ${formatCidr(block)}` });
    }
  });

const address = (what: string) =>
  z.string({ error: `expected ${what} (an IP address)` }).refine((v) => parseAddress(v) !== undefined, { error: (i) => `"${String(i.input)}" is not an IP address` });

/** An object's error: a misspelled key is named, anything else says what is expected. */
const objectError = (keys: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys"
    ? `unknown ${issue.keys!.length > 1 ? "keys" : "key"} ${issue.keys!.map((k) => `"${k}"`).join(", ")}; expected ${keys}`
    : `expected an object with ${keys}`;

const ipamConfig = z
  .strictObject(
    {
      subnet: cidr("a subnet"),
      ipRange: cidr("an address range").optional(),
      gateway: address("a gateway").optional(),
      auxAddresses: z.record(z.string(), address("an auxiliary address"), { error: 'expected a map of host names to addresses, e.g. {"router": "10.10.0.2"}' }).optional(),
    },
    { error: objectError("subnet, ipRange, gateway, auxAddresses") },
  )
  .superRefine((entry, ctx) => {
    const subnet = parseCidr(entry.subnet);
    if (!subnet) return;
    const outside = (what: string, path: PropertyKey[], value: string) =>
      ctx.addIssue({ code: "custom", path, message: `${what} ${value} is outside the subnet ${entry.subnet}` });
    const gateway = entry.gateway === undefined ? undefined : parseAddress(entry.gateway);
    if (gateway && !contains(subnet, gateway)) outside("the gateway", ["gateway"], entry.gateway!);
    const range = entry.ipRange === undefined ? undefined : parseCidr(entry.ipRange);
    if (range && !within(subnet, range)) outside("the address range", ["ipRange"], entry.ipRange!);
    for (const [host, value] of Object.entries(entry.auxAddresses ?? {})) {
      const aux = parseAddress(value);
      if (aux && !contains(subnet, aux)) outside(`the auxiliary address of "${host}"`, ["auxAddresses", host], value);
    }
  });

const SCHEMAS: Record<string, z.ZodType> = {
  name: z
    .string({ error: "expected a network name" })
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, { error: "a network name starts with a letter or digit and holds letters, digits, '_', '.' and '-'" })
    .refine((v) => !PREDEFINED.includes(v), {
      error: (i) => `"${String(i.input)}" is one of the engine's predefined networks (${PREDEFINED.join(", ")}), which cannot be created or removed; containers join it without a Network resource`,
    }),
  driver: z.string({ error: "expected a driver name such as bridge, macvlan or a plugin" }).min(1, { error: "expected a driver name such as bridge" }),
  internal: z.boolean({ error: "expected true (no route outside the network) or false" }),
  attachable: z.boolean({ error: "expected true or false" }),
  enableIpv6: z.boolean({ error: "expected true or false" }),
  ipam: z.strictObject(
    {
      driver: z.string({ error: "expected an IPAM driver name, e.g. default" }).min(1).optional(),
      config: z.array(ipamConfig, { error: "expected a list of {subnet, ipRange?, gateway?, auxAddresses?}" }).optional(),
      options: keyValueInput.optional(),
    },
    { error: objectError("driver, config, options") },
  ),
  options: keyValueInput,
  labels: keyValueInput,
  host: hostSchema,
  tls: tlsSchema,
  adopt: z.boolean({ error: "expected true (take over the existing network with this name) or false" }),
};

/**
 * Validates the declared inputs (values not known yet pass through). A network without a name gets a generated
 * one, kept between runs; a replacement gets a new one, so the new network exists beside the old one while
 * containers move over.
 */
export function check(olds: Inputs, news: Inputs): { inputs: Inputs; failures: CheckFailure[] } {
  return checkNamed("Network", SCHEMAS, changedInputs, olds, news);
}
