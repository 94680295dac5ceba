// IPv4 and IPv6 addresses and CIDR blocks, parsed to numbers so containment can be checked at preview (the engine
// only finds a gateway outside its subnet at create).
import { isIPv4, isIPv6 } from "net";

interface Address {
  family: 4 | 6;
  value: bigint;
}

interface Cidr {
  family: 4 | 6;
  /** The network address (host bits cleared). */
  base: bigint;
  prefix: number;
}

function bits(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function ipv6Value(text: string): bigint {
  let body = text;
  let tail: string[] = [];
  // An IPv4 suffix (::ffff:1.2.3.4) is two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4) {
    const n = ipv4Value(v4[1]);
    tail = [((n >> 16n) & 0xffffn).toString(16), (n & 0xffffn).toString(16)];
    body = body.slice(0, -v4[1].length).replace(/:$/, "") || ":";
    if (body === ":") body = "::";
  }
  const [head, rest] = body.includes("::") ? body.split("::") : [body, undefined];
  const left = head ? head.split(":") : [];
  const right = rest === undefined ? [] : rest ? rest.split(":") : [];
  const groups = [...left, ...(rest === undefined ? [] : Array(8 - left.length - right.length - tail.length).fill("0")), ...right, ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || "0", 16)), 0n);
}

function ipv4Value(text: string): bigint {
  return text.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** An IP address, or undefined when the text is not one. */
export function parseAddress(text: string): Address | undefined {
  if (isIPv4(text)) return { family: 4, value: ipv4Value(text) };
  if (isIPv6(text)) return { family: 6, value: ipv6Value(text) };
  return undefined;
}

/** A CIDR block such as `10.1.0.0/16` or `fd00::/64`, or undefined when the text is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const address = parseAddress(match[1]);
  const prefix = Number(match[2]);
  if (!address || prefix > bits(address.family)) return undefined;
  const host = (1n << BigInt(bits(address.family) - prefix)) - 1n;
  return { family: address.family, base: address.value & ~host, prefix };
}

export function contains(block: Cidr, address: Address): boolean {
  if (block.family !== address.family) return false;
  const host = (1n << BigInt(bits(block.family) - block.prefix)) - 1n;
  return (address.value & ~host) === block.base;
}

/** Whether `inner` lies inside `outer` (an ipRange inside its subnet). */
export function within(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && contains(outer, { family: inner.family, value: inner.base });
}

function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // The longest run of two or more zero groups becomes "::" (RFC 5952).
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.length).join(":")}`;
}

/** A block as `network address/prefix`. */
export function formatCidr(block: Cidr): string {
  return `${formatAddress(block.family, block.base)}/${block.prefix}`;
}

/** One spelling per address: `fd00:0::1` and `FD00::1` compare equal. */
export function canonicalAddress(text: string): string {
  const address = parseAddress(text);
  return address ? formatAddress(address.family, address.value) : text;
}

/**
 * One spelling per block, as written apart from case and zero groups: the engine keeps a subnet with host bits
 * set (`10.1.2.3/24`) as given, so the address part is kept, only normalized.
 */
export function canonicalCidr(text: string): string {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  return match ? `${canonicalAddress(match[1])}/${Number(match[2])}` : text;
}
