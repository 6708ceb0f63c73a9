/**
 * IP addresses and CIDRs as numbers, the way Go's `net` package reads and prints them
 * (IPv4 dotted quad, IPv6 in RFC 5952 form), so allocators can do arithmetic on them.
 */

/** The two families, spelled as the Service API spells them. */
export type IPFamily = 'IPv4' | 'IPv6';

/** An address: its family and its value as an unsigned integer. */
export interface IPAddress {
  readonly family: IPFamily;
  readonly value: bigint;
}

/** A network: the masked base address and the prefix length. */
export interface CIDR {
  readonly family: IPFamily;
  readonly network: bigint;
  readonly prefix: number;
}

/** Address width in bits, per family. */
export const FAMILY_BITS: Readonly<Record<IPFamily, number>> = { IPv4: 32, IPv6: 128 };

/** Parses an address; `undefined` when it is not one. Leading zeros in IPv4 octets read as decimal, as in Kubernetes. */
export function parseIP(text: string): IPAddress | undefined {
  if (text.includes(':')) {
    const value = parseIPv6(text);
    return value === undefined ? undefined : { family: 'IPv6', value };
  }
  const value = parseIPv4(text);
  return value === undefined ? undefined : { family: 'IPv4', value };
}

/** The family of an address string, or `unknown` when it is not an address (upstream's `familyOf`). */
export function familyOf(text: string): IPFamily | 'unknown' {
  return parseIP(text)?.family ?? 'unknown';
}

/** Prints an address as Go does: `10.96.0.1`, `fd00::1`. */
export function formatIP(address: IPAddress): string {
  return address.family === 'IPv4' ? formatIPv4(address.value) : formatIPv6(address.value);
}

/**
 * Parses `a.b.c.d/n` or `x::/n`; host bits are masked off (`10.96.0.5/12` is `10.96.0.0/12`).
 * Returns Go's error text `invalid CIDR address: X` when the text is not a CIDR.
 */
export function parseCIDR(text: string): CIDR | string {
  const slash = text.indexOf('/');
  const address = slash < 0 ? undefined : parseIP(text.slice(0, slash));
  const prefixText = slash < 0 ? '' : text.slice(slash + 1);
  if (address === undefined || !/^[0-9]{1,3}$/.test(prefixText)) return `invalid CIDR address: ${text}`;
  const prefix = Number(prefixText);
  const bits = FAMILY_BITS[address.family];
  if (prefix > bits) return `invalid CIDR address: ${text}`;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  return { family: address.family, network: address.value & ~hostMask, prefix };
}

/** Prints a CIDR as Go's `IPNet.String()`: `10.96.0.0/12`. */
export function formatCIDR(cidr: CIDR): string {
  return `${formatIP({ family: cidr.family, value: cidr.network })}/${cidr.prefix}`;
}

/** How many addresses the CIDR spans, network and broadcast included. */
export function cidrSize(cidr: CIDR): bigint {
  return 1n << BigInt(FAMILY_BITS[cidr.family] - cidr.prefix);
}

/** Whether the CIDR holds the address (families must match). */
export function cidrContains(cidr: CIDR, address: IPAddress): boolean {
  return (
    address.family === cidr.family && address.value >= cidr.network && address.value < cidr.network + cidrSize(cidr)
  );
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  // An embedded dotted quad may only end the address.
  if (halves.length > 2 || (halves.length === 2 && (halves[0] ?? '').includes('.'))) return undefined;
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail].reduce(
    (acc, group) => (acc << 16n) | BigInt(group),
    0n,
  );
}

/** The 16-bit groups of one side of `::`; an embedded dotted quad counts as two groups. */
function groups(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const result: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (part.includes('.') && index === parts.length - 1) {
      const v4 = parseIPv4(part);
      if (v4 === undefined) return undefined;
      result.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      result.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return result;
}

function formatIPv4(value: bigint): string {
  const n = Number(value);
  return `${(n >>> 24) & 0xff}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

/** RFC 5952: lowercase, no leading zeros, the longest run (2+ groups, leftmost on ties) of zeros as `::`. */
function formatIPv6(value: bigint): string {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((word) => word.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
