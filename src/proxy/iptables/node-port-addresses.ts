/** `--nodeport-addresses` for one family (upstream `NodePortAddresses`) and the node IPs it selects. */
import {
  cidrContains,
  formatIP,
  isLoopback,
  parseCIDRSloppy,
  parseIPSloppy,
  type IPFamily,
  type ParsedCIDR,
  type ParsedIP,
} from '../ip.ts';
import type { RenderConfig } from './config.ts';

/** The CIDRs NodePorts are served on, for one family. */
export interface NodePortAddresses {
  /** A zero-length prefix was given (or nothing of this family): every local address. */
  readonly matchAll: boolean;
  readonly cidrs: readonly ParsedCIDR[];
  /** Some IPv4 CIDR is loopback or contains 127.0.0.0 (a precondition for localhost NodePorts). */
  readonly containsIPv4Loopback: boolean;
}

const ipv4LoopbackStart: ParsedIP = { family: 'IPv4', bytes: new Uint8Array([127, 0, 0, 0]) };

/** `primary` stands for the node's own IP (`/32` or `/128`), never a loopback one. */
function expandPrimary(values: readonly string[], nodeIP: string): string[] {
  return values.flatMap((value) => {
    if (value !== 'primary') return [value];
    const ip = parseIPSloppy(nodeIP);
    if (ip === null || isLoopback(ip)) return [];
    return [`${formatIP(ip)}/${ip.family === 'IPv4' ? 32 : 128}`];
  });
}

/** Resolves the configured value for one family; no CIDR of the family means match-all. */
export function nodePortAddressesFor(config: RenderConfig, family: IPFamily): NodePortAddresses {
  const cidrs = expandPrimary(config.nodePortAddresses ?? [], config.nodeIP)
    .map((text) => parseCIDRSloppy(text))
    .filter((cidr): cidr is ParsedCIDR => cidr !== null && cidr.family === family);
  if (cidrs.length === 0) {
    const zero = parseCIDRSloppy(family === 'IPv4' ? '0.0.0.0/0' : '::/0') as ParsedCIDR;
    cidrs.push(zero);
  }
  const kept: ParsedCIDR[] = [];
  let containsIPv4Loopback = false;
  for (const cidr of cidrs) {
    if (cidr.family === 'IPv4') {
      const networkIP: ParsedIP = { family: 'IPv4', bytes: cidr.network };
      if (isLoopback(networkIP) || cidrContains(cidr, ipv4LoopbackStart)) containsIPv4Loopback = true;
    }
    // A zero-length prefix matches everything; CIDRs after it are ignored.
    if (cidr.prefix === 0) return { matchAll: true, cidrs: [cidr], containsIPv4Loopback };
    kept.push(cidr);
  }
  return { matchAll: false, cidrs: kept, containsIPv4Loopback };
}

/**
 * Whether localhost NodePorts are in effect: configured on, IPv4 (they never work for IPv6), and loopback among
 * the NodePort addresses — upstream turns the flag off otherwise.
 */
export function effectiveLocalhostNodePorts(config: RenderConfig, addresses: NodePortAddresses): boolean {
  return config.localhostNodePorts && config.ipFamily === 'IPv4' && addresses.containsIPv4Loopback;
}

/** Node IPs (from the interface addresses) inside the NodePort CIDRs, deduplicated, in first-seen order. */
export function nodeIPsFor(addresses: NodePortAddresses, interfaceAddrs: readonly string[]): ParsedIP[] {
  const ips = interfaceAddrs
    .map((text) => parseIPSloppy(text.split('/')[0] ?? ''))
    .filter((ip): ip is ParsedIP => ip !== null);
  const found = new Map<string, ParsedIP>();
  for (const cidr of addresses.cidrs) {
    for (const ip of ips) if (cidrContains(cidr, ip) && !found.has(formatIP(ip))) found.set(formatIP(ip), ip);
  }
  return [...found.values()];
}
