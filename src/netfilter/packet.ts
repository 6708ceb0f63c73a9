/** The packet the tracer follows, and the node's local addresses that `addrtype LOCAL` matches. */
import { parseIP, type IPAddress } from '../net/index.ts';
import { NetfilterError } from './errors.ts';

/** A packet as callers describe it; protocol defaults to TCP (any case). */
export interface PacketInput {
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol?: string;
  /** Optional: rules with `--sport` are assumed to match when it is not given. */
  readonly sourcePort?: number;
  /** Optional: rules with `-i`/`-o` are assumed to match when these are not given. */
  readonly inInterface?: string;
  readonly outInterface?: string;
}

/** A packet with parsed addresses, lower-case protocol and the original address texts. */
export interface Packet {
  readonly source: IPAddress;
  readonly sourceText: string;
  readonly destination: IPAddress;
  readonly destinationText: string;
  readonly destPort: number;
  readonly protocol: string;
  readonly sourcePort?: number;
  readonly inInterface?: string;
  readonly outInterface?: string;
}

/** Packet addresses are read as iptables rules are: leading zeros allowed, `::ffff:a.b.c.d` stays IPv6. */
function parseAddress(text: string): IPAddress | undefined {
  return parseIP(text, { sloppy: true });
}

function mustParse(text: string, what: string): IPAddress {
  const ip = parseAddress(text);
  if (!ip) throw new NetfilterError('NETFILTER_BAD_ADDRESS', `${what} "${text}" is not an IP address`);
  return ip;
}

/** Parses and normalises a packet description; throws on addresses that are not IPs. */
export function toPacket(input: PacketInput): Packet {
  return {
    source: mustParse(input.sourceIP, 'source'),
    sourceText: input.sourceIP,
    destination: mustParse(input.destIP, 'destination'),
    destinationText: input.destIP,
    destPort: input.destPort,
    protocol: (input.protocol ?? 'tcp').toLowerCase(),
    ...(input.sourcePort !== undefined && { sourcePort: input.sourcePort }),
    ...(input.inInterface !== undefined && { inInterface: input.inInterface }),
    ...(input.outInterface !== undefined && { outInterface: input.outInterface }),
  };
}

/** The same packet with a new destination address (after DNAT). */
export function withDestination(packet: Packet, destination: IPAddress, text: string): Packet {
  return { ...packet, destination, destinationText: text };
}

/** A set of addresses compared by value, so `::1` and `0:0:0:0:0:0:0:1` are one address. */
export class AddressSet {
  readonly #keys = new Set<string>();

  /** Builds the set from address texts; texts that are not IPs are ignored. */
  constructor(addresses: Iterable<string>) {
    for (const text of addresses) {
      const ip = parseAddress(text);
      if (ip) this.#keys.add(`${ip.family}/${ip.value}`);
    }
  }

  /** Whether the address is in the set. */
  has(ip: IPAddress): boolean {
    return this.#keys.has(`${ip.family}/${ip.value}`);
  }
}

/** Addresses every node treats as local besides its own (upstream's tracer adds them too). */
export const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', '::1'];

/** The host part of a DNAT `--to-destination` (`ip`, `ip:port`, `[ip6]:port`, ranges: first address). */
export function dnatAddress(toDestination: string): { ip: IPAddress; text: string } | undefined {
  const bracketed = /^\[([^\]]+)\]/.exec(toDestination);
  let host = bracketed?.[1];
  if (host === undefined) {
    const colons = toDestination.split(':').length - 1;
    host = colons === 1 ? toDestination.split(':')[0] : toDestination;
  }
  const first = (host ?? '').split('-')[0] ?? '';
  const ip = parseAddress(first);
  return ip && { ip, text: first };
}
