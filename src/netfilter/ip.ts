/**
 * Just enough IP address arithmetic for iptables: parse IPv4/IPv6 addresses and CIDRs, test membership, and print
 * them as `iptables-save` does (glibc `inet_ntop` form, network address masked, explicit prefix length).
 */
import { NetfilterError } from './errors.ts';

/** An address family as iptables names it: `iptables` is 4, `ip6tables` is 6. */
export type IpFamily = 4 | 6;

/** A parsed address: its family and its value as an unsigned integer. */
export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** A parsed network: masked address, its mask, and the prefix length (undefined for a non-contiguous mask). */
export interface IpNetwork {
  readonly family: IpFamily;
  readonly address: bigint;
  readonly mask: bigint;
  readonly prefix: number | undefined;
}

/** Address width in bits for a family. */
export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

function allOnes(family: IpFamily): bigint {
  return (1n << BigInt(familyBits(family))) - 1n;
}

/** The mask with `prefix` leading one bits. */
export function prefixMask(family: IpFamily, prefix: number): bigint {
  const bits = familyBits(family);
  return prefix === 0 ? 0n : (allOnes(family) >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseHexGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

/** IPv6 groups with an optional trailing dotted quad turned into two groups. */
function parseIPv6Side(text: string, allowDotted: boolean): number[] | undefined {
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (!allowDotted || !tail.includes('.')) return parseHexGroups(text);
  const v4 = parseIPv4(tail);
  if (v4 === undefined) return undefined;
  const head = lastColon < 0 ? [] : parseHexGroups(text.slice(0, lastColon));
  return head && [...head, Number(v4 >> 16n), Number(v4 & 0xffffn)];
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [left = '', right] = halves;
  const leftGroups = parseIPv6Side(left, right === undefined);
  const rightGroups = right === undefined ? [] : parseIPv6Side(right, true);
  if (!leftGroups || !rightGroups) return undefined;
  const missing = 8 - leftGroups.length - rightGroups.length;
  if (right === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...leftGroups, ...new Array<number>(right === undefined ? 0 : missing).fill(0), ...rightGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/** Parses an IPv4 or IPv6 address; undefined when it is neither. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIPv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIPv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

function maskToPrefix(family: IpFamily, mask: bigint): number | undefined {
  for (let prefix = 0; prefix <= familyBits(family); prefix++) {
    if (prefixMask(family, prefix) === mask) return prefix;
  }
  return undefined;
}

function parseMask(family: IpFamily, text: string): bigint | undefined {
  if (/^\d{1,3}$/.test(text)) {
    const prefix = Number(text);
    return prefix <= familyBits(family) ? prefixMask(family, prefix) : undefined;
  }
  const mask = parseIp(text);
  return mask?.family === family ? mask.value : undefined;
}

/** Parses `ip`, `ip/len` or `ip/dotted-mask`; a bare address is a host network. Throws on anything else. */
export function parseNetwork(text: string): IpNetwork {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  const mask = ip && (slash < 0 ? allOnes(ip.family) : parseMask(ip.family, text.slice(slash + 1)));
  if (!ip || mask === undefined) {
    throw new NetfilterError('NETFILTER_BAD_ADDRESS', `invalid address or network "${text}"`);
  }
  return { family: ip.family, address: ip.value & mask, mask, prefix: maskToPrefix(ip.family, mask) };
}

/** Whether `ip` lies inside `network` (families must agree). */
export function networkContains(network: IpNetwork, ip: IpAddress): boolean {
  return network.family === ip.family && (ip.value & network.mask) === network.address;
}

/** IPv4 dotted quad of a 32-bit value. */
function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** The longest run (at least two) of zero groups, earliest on a tie, as glibc's inet_ntop picks it. */
function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  let start = -1;
  groups.forEach((group, index) => {
    if (group === 0 && start < 0) start = index;
    if (group === 0 && index - start + 1 > best.length) best = { start, length: index - start + 1 };
    if (group !== 0) start = -1;
  });
  return best.length >= 2 ? best : { start: -1, length: 0 };
}

/** IPv6 text form as glibc's inet_ntop prints it (compressed, lower case, v4-mapped tail as a dotted quad). */
function formatIPv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  const run = longestZeroRun(groups);
  const dottedTail = run.start === 0 && (run.length === 6 || (run.length === 5 && groups[5] === 0xffff));
  const hex = groups.map((group) => group.toString(16));
  if (dottedTail) {
    const head = run.length === 6 ? '' : 'ffff:';
    return `::${head}${formatIPv4(value & 0xffffffffn)}`;
  }
  if (run.start < 0) return hex.join(':');
  const left = hex.slice(0, run.start).join(':');
  const right = hex.slice(run.start + run.length).join(':');
  return `${left}::${right}`;
}

/** An address in its canonical text form. */
export function formatIp(family: IpFamily, value: bigint): string {
  return family === 4 ? formatIPv4(value) : formatIPv6(value);
}

/** A network as `iptables-save` prints it: `10.0.0.0/8`, `10.1.2.3/32`, `fd00::/64`, or `addr/mask` if non-contiguous. */
export function formatNetworkForSave(text: string): string {
  const network = parseNetwork(text);
  const address = formatIp(network.family, network.address);
  const suffix = network.prefix ?? formatIp(network.family, network.mask);
  return `${address}/${suffix}`;
}
