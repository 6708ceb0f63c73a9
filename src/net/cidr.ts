/** CIDRs (`10.96.0.0/12`, `fd00::/64`): parsing as Go's `ParseCIDR` does, printing, size and containment. */
import { formatIP, type FormatIPOptions } from './format.ts';
import { FAMILY_BITS, parseIP, type IPAddress, type IPFamily } from './ip.ts';

/** A network: the base address with its host bits cleared, and the prefix length. */
export interface CIDR {
  readonly family: IPFamily;
  readonly network: bigint;
  readonly prefix: number;
}

/** How liberal a CIDR parse is; by default Go's strict rules. */
export interface ParseCIDROptions {
  /** Go 1.16's rules (`netutils.ParseCIDRSloppy`): zero-padded address fields and prefix length. */
  readonly sloppy?: boolean;
}

const STRICT_PREFIX = /^(?:0|[1-9][0-9]{0,2})$/;
const SLOPPY_PREFIX = /^[0-9]+$/;

/** The mask with `prefix` leading one bits, for the family's width. */
export function prefixMask(family: IPFamily, prefix: number): bigint {
  const bits = BigInt(FAMILY_BITS[family]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/**
 * Parses `addr/len` to its network, host bits cleared (`10.96.5.7/12` is `10.96.0.0/12`), as Go's `IPNet`;
 * `undefined` when the text is not a CIDR. `::ffff:a.b.c.d/n` stays IPv6, as in Go, so `n` may reach 128.
 */
export function parseCIDR(text: string, options: ParseCIDROptions = {}): CIDR | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const sloppy = options.sloppy === true;
  const address = parseIP(text.slice(0, slash), { sloppy });
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !(sloppy ? SLOPPY_PREFIX : STRICT_PREFIX).test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > FAMILY_BITS[address.family]) return undefined;
  return { family: address.family, network: address.value & prefixMask(address.family, prefix), prefix };
}

/** Go's error text for a string that is not a CIDR: `invalid CIDR address: X`. */
export function invalidCIDRMessage(text: string): string {
  return `invalid CIDR address: ${text}`;
}

/** Prints a CIDR as Go's `IPNet.String()`: `10.96.0.0/12`. */
export function formatCIDR(cidr: CIDR, options: FormatIPOptions = {}): string {
  return `${formatIP({ family: cidr.family, value: cidr.network }, options)}/${cidr.prefix}`;
}

/** How many addresses the CIDR spans, network and broadcast included. */
export function cidrSize(cidr: CIDR): bigint {
  return 1n << BigInt(FAMILY_BITS[cidr.family] - cidr.prefix);
}

/** Whether the CIDR holds the address; never across families. */
export function cidrContains(cidr: CIDR, ip: IPAddress): boolean {
  return ip.family === cidr.family && (ip.value & prefixMask(cidr.family, cidr.prefix)) === cidr.network;
}
