/**
 * Networks as iptables takes them in `-s`/`-d` (a bare address, `addr/len` or `addr/dotted-mask`) and prints them
 * in `iptables-save`: masked address in glibc's `inet_ntop` form, explicit prefix length, or the mask itself when
 * it is not contiguous.
 */
import { prefixMask } from './cidr.ts';
import { formatIP } from './format.ts';
import { FAMILY_BITS, parseIP, type IPAddress, type IPFamily } from './ip.ts';

/** A network with any mask: masked address, the mask, and the prefix length (undefined if non-contiguous). */
export interface IptablesNetwork {
  readonly family: IPFamily;
  readonly address: bigint;
  readonly mask: bigint;
  readonly prefix: number | undefined;
}

function maskToPrefix(family: IPFamily, mask: bigint): number | undefined {
  for (let prefix = 0; prefix <= FAMILY_BITS[family]; prefix++) {
    if (prefixMask(family, prefix) === mask) return prefix;
  }
  return undefined;
}

function parseMask(family: IPFamily, text: string): bigint | undefined {
  if (/^[0-9]{1,3}$/.test(text)) {
    const prefix = Number(text);
    return prefix <= FAMILY_BITS[family] ? prefixMask(family, prefix) : undefined;
  }
  const mask = parseIP(text, { sloppy: true });
  return mask?.family === family ? mask.value : undefined;
}

/**
 * Parses `ip`, `ip/len` or `ip/dotted-mask` (a bare address is a host network); `undefined` when it is none.
 * Addresses are read sloppily (`010` is 10) and `::ffff:a.b.c.d` stays IPv6, as ip6tables takes it.
 */
export function parseIptablesNetwork(text: string): IptablesNetwork | undefined {
  const slash = text.indexOf('/');
  const ip = parseIP(slash < 0 ? text : text.slice(0, slash), { sloppy: true });
  if (ip === undefined) return undefined;
  const mask = slash < 0 ? prefixMask(ip.family, FAMILY_BITS[ip.family]) : parseMask(ip.family, text.slice(slash + 1));
  if (mask === undefined) return undefined;
  return { family: ip.family, address: ip.value & mask, mask, prefix: maskToPrefix(ip.family, mask) };
}

/** Whether the network holds the address; never across families. */
export function iptablesNetworkContains(network: IptablesNetwork, ip: IPAddress): boolean {
  return network.family === ip.family && (ip.value & network.mask) === network.address;
}

/** The network as `iptables-save` prints it: `10.0.0.0/8`, `10.1.2.3/32`, `fd00::/64`, `10.0.0.0/255.0.255.0`. */
export function formatIptablesNetwork(network: IptablesNetwork): string {
  const address = formatIP({ family: network.family, value: network.address }, { style: 'inet_ntop' });
  const mask = formatIP({ family: network.family, value: network.mask }, { style: 'inet_ntop' });
  return `${address}/${network.prefix ?? mask}`;
}
