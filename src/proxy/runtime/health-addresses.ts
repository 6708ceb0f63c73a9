/** Where health-check node port servers listen (upstream: the wildcard, or each node IP `--nodeport-addresses` allows). */
import { formatIP } from '../../net/index.ts';
import type { RenderConfig } from '../iptables/config.ts';
import { nodeIPsFor, nodePortAddressesFor } from '../iptables/node-port-addresses.ts';

/** The addresses for one family's health-check servers. */
export function healthCheckAddresses(config: RenderConfig): string[] {
  const addresses = nodePortAddressesFor(config, config.ipFamily);
  if (addresses.matchAll) return [config.ipFamily === 'IPv6' ? '::' : '0.0.0.0'];
  return nodeIPsFor(addresses, config.interfaceAddrs).map((ip) => formatIP(ip));
}
