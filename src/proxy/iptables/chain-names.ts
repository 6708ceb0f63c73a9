/**
 * Hashed chain names. iptables chain names may be at most 28 characters, so kube-proxy names per-service chains
 * `KUBE-XXX-` + the first 16 base32 characters of a SHA-256 of the service port (and endpoint).
 */
import { hash } from 'node:crypto';
import {
  endpointChainPrefix,
  externalChainPrefix,
  firewallChainPrefix,
  serviceChainPrefix,
  serviceLocalChainPrefix,
} from './constants.ts';

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 of the first 10 bytes: exactly 16 characters, so padding never shows. */
function base32Of80Bits(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < 10; i++) {
    buffer = ((buffer << 8) | (bytes[i] ?? 0)) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += base32Alphabet.charAt((buffer >> bits) & 31);
    }
  }
  return out;
}

/** `base32(sha256(input))[0:16]`, the hash inside every KUBE-SVC/SVL/EXT/FW/SEP name. */
export function hash16(input: string): string {
  return base32Of80Bits(hash('sha256', input, 'buffer'));
}

/** The hash shared by a service port's SVC, SVL, EXT and FW chains (`nameString + lower(protocol)`). */
export function portProtoHash(nameString: string, protocol: string): string {
  return hash16(nameString + protocol.toLowerCase());
}

/** The four chains of one service port. */
export interface ServicePortChains {
  /** Cluster-policy endpoint dispatch. */
  readonly svc: string;
  /** Local-policy endpoint dispatch. */
  readonly svl: string;
  /** External-traffic entry chain. */
  readonly ext: string;
  /** loadBalancerSourceRanges filter. */
  readonly fw: string;
}

function chainsFromHash(hash: string): ServicePortChains {
  return {
    svc: serviceChainPrefix + hash,
    svl: serviceLocalChainPrefix + hash,
    ext: externalChainPrefix + hash,
    fw: firewallChainPrefix + hash,
  };
}

/** The SVC/SVL/EXT/FW chain names of a service port. */
export function servicePortChains(nameString: string, protocol: string): ServicePortChains {
  return chainsFromHash(portProtoHash(nameString, protocol));
}

/** The KUBE-SEP chain of one endpoint (`endpoint` is `ip:port` or `[ip6]:port`). */
export function endpointChainName(nameString: string, protocol: string, endpoint: string): string {
  return endpointChainPrefix + hash16(nameString + protocol.toLowerCase() + endpoint);
}

/** The chain names of one service port and of the endpoints asked for so far (endpoint string → SEP). */
export interface PortChainNames {
  readonly chains: ServicePortChains;
  readonly endpoints: Map<string, string>;
}

/** Chain names by `nameString + lower(protocol)`: what one render hashed, reusable by the next. */
export type ChainNameCache = ReadonlyMap<string, PortChainNames>;

/**
 * Hashes chain names once per render. Seeded with the previous render's `used` names, a steady-state sync
 * hashes nothing, and the same string objects come back (their hashes for Map/Set lookups already known);
 * `used` keeps only this render's names, so the cache never outgrows the cluster.
 */
export interface ChainNamer {
  /** The names of a service port (SVC/SVL/EXT/FW now, SEP names on demand through {@link endpointChain}). */
  servicePort(nameString: string, protocol: string): PortChainNames;
  readonly used: Map<string, PortChainNames>;
}

/** A chain namer, optionally reusing names from an earlier render. */
export function newChainNamer(previous?: ChainNameCache): ChainNamer {
  const used = new Map<string, PortChainNames>();
  return {
    used,
    servicePort(nameString, protocol) {
      const key = nameString + protocol.toLowerCase();
      let names = used.get(key);
      if (names === undefined) {
        const earlier = previous?.get(key);
        names = { chains: earlier?.chains ?? chainsFromHash(hash16(key)), endpoints: new Map() };
        if (earlier !== undefined)
          for (const [endpoint, chain] of earlier.endpoints) names.endpoints.set(endpoint, chain);
        used.set(key, names);
      }
      return names;
    },
  };
}

/** The SEP chain of an endpoint of a port named by a {@link ChainNamer}. */
export function endpointChain(names: PortChainNames, nameString: string, protocol: string, endpoint: string): string {
  let chain = names.endpoints.get(endpoint);
  if (chain === undefined) {
    chain = endpointChainName(nameString, protocol, endpoint);
    names.endpoints.set(endpoint, chain);
  }
  return chain;
}

const serviceChainPrefixes = [
  serviceChainPrefix,
  serviceLocalChainPrefix,
  endpointChainPrefix,
  firewallChainPrefix,
  externalChainPrefix,
];

/** Whether a chain is one of kube-proxy's per-service chains (the only ones stale-chain GC deletes). */
export function isServiceChainName(chain: string): boolean {
  return serviceChainPrefixes.some((prefix) => chain.startsWith(prefix));
}
