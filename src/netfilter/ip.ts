/**
 * The netfilter side of addresses: the table family (`iptables` or `ip6tables`) and `-s`/`-d` networks that throw
 * a NetfilterError when they do not parse. The parsing and printing are `net/`'s.
 */
import { formatIptablesNetwork, parseIptablesNetwork, type IPFamily, type IptablesNetwork } from '../net/index.ts';
import { NetfilterError } from './errors.ts';

/** An address family as iptables names it: `iptables` is 4, `ip6tables` is 6. */
export type IpFamily = 4 | 6;

/** The address family a table family holds: 4 is `IPv4`, 6 is `IPv6`. */
export function addressFamily(family: IpFamily): IPFamily {
  return family === 4 ? 'IPv4' : 'IPv6';
}

/** Parses `ip`, `ip/len` or `ip/dotted-mask`; a bare address is a host network. Throws on anything else. */
export function parseNetwork(text: string): IptablesNetwork {
  const network = parseIptablesNetwork(text);
  if (network === undefined) {
    throw new NetfilterError('NETFILTER_BAD_ADDRESS', `invalid address or network "${text}"`);
  }
  return network;
}

/** A network as `iptables-save` prints it: `10.0.0.0/8`, `10.1.2.3/32`, `fd00::/64`, or `addr/mask` if non-contiguous. */
export function formatNetworkForSave(text: string): string {
  return formatIptablesNetwork(parseNetwork(text));
}
