/** `--nodeport-addresses` for one family (upstream `NodePortAddresses`) and the node IPs it selects. */
import {
  cidrContains,
  formatIP,
  isLoopback,
  parseCIDR,
  parseIP,
  type CIDR,
  type IPAddress,
  type IPFamily,
} from '../../net/index.ts';
import type { RenderConfig } from './config.ts';

/** The CIDRs NodePorts are served on, for one family. */
export interface NodePortAddresses {
  /** A zero-length prefix was given (or nothing of this family): every local address. */
  readonly matchAll: boolean;
  readonly cidrs: readonly CIDR[];
  /** Some IPv4 CIDR is loopback or contains 127.0.0.0 (a precondition for localhost NodePorts). */
  readonly containsIPv4Loopback: boolean;
}

const ipv4LoopbackStart: IPAddress = { family: 'IPv4', value: 0x7f000000n };

/** `primary` stands for the node's own IP (`/32` or `/128`), never a loopback one. */
function expandPrimary(values: readonly string[], nodeIP: string): string[] {
  return values.flatMap((value) => {
    if (value !== 'primary') return [value];
    const ip = parseIP(nodeIP, { sloppy: true, unmap: true });
    if (ip === undefined || isLoopback(ip)) return [];
    return [`${formatIP(ip)}/${ip.family === 'IPv4' ? 32 : 128}`];
  });
}

/** Resolves the configured value for one family; no CIDR of the family means match-all. */
export function nodePortAddressesFor(config: RenderConfig, family: IPFamily): NodePortAddresses {
  const cidrs = expandPrimary(config.nodePortAddresses ?? [], config.nodeIP)
    .map((text) => parseCIDR(text, { sloppy: true }))
    .filter((cidr): cidr is CIDR => cidr !== undefined && cidr.family === family);
  if (cidrs.length === 0) cidrs.push({ family, network: 0n, prefix: 0 });
  const kept: CIDR[] = [];
  let containsIPv4Loopback = false;
  for (const cidr of cidrs) {
    if (cidr.family === 'IPv4') {
      const networkIP: IPAddress = { family: 'IPv4', value: cidr.network };
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
export function nodeIPsFor(addresses: NodePortAddresses, interfaceAddrs: readonly string[]): IPAddress[] {
  const ips = interfaceAddrs
    .map((text) => parseIP(text.split('/')[0] ?? '', { sloppy: true, unmap: true }))
    .filter((ip): ip is IPAddress => ip !== undefined);
  const found = new Map<string, IPAddress>();
  for (const cidr of addresses.cidrs) {
    for (const ip of ips) if (cidrContains(cidr, ip) && !found.has(formatIP(ip))) found.set(formatIP(ip), ip);
  }
  return [...found.values()];
}
