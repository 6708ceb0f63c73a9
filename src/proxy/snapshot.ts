/** The proxy snapshot: Services + EndpointSlices + this node → what one IP family's proxier renders from. */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { compareBytewise, buildEndpointsMap } from './endpoints.ts';
import { categorizeEndpoints, type EndpointCategories } from './categorize.ts';
import { ignoreWarnings, type InputWarning } from './input-checks.ts';
import { proxyServiceFor } from './service-ports.ts';
import type { EndpointInfo, ProxyNode, ProxyService, ProxySnapshot, ServicePortInfo } from './types.ts';

export type { ProxySnapshot } from './types.ts';

/**
 * Builds the snapshot for one IP family. Pure and independent of input order: Services come out sorted by
 * `namespace/name` (ports in spec order), endpoint lists sorted byte-wise by `ip:port`. Whatever is not valid
 * (see `input-checks.ts`) is left out and reported to `warn`; the rest is built as if it were not there.
 *
 * @example
 * const snapshot = buildSnapshot(services, slices, { name: 'node-1', ipFamily: 'IPv4' });
 */
export function buildSnapshot(
  services: readonly Service[],
  endpointSlices: readonly EndpointSlice[],
  node: ProxyNode,
  warn: InputWarning = ignoreWarnings,
): ProxySnapshot {
  const byName = new Map<string, ProxyService>();
  for (const service of services) {
    const proxied = proxyServiceFor(service, node.ipFamily, warn);
    if (proxied !== null) byName.set(proxied.namespacedName, proxied);
  }
  const sorted = [...byName.values()].sort((a, b) => compareBytewise(a.namespacedName, b.namespacedName));
  return {
    ipFamily: node.ipFamily,
    nodeName: node.name,
    topologyLabels: node.topologyLabels ?? {},
    services: sorted,
    endpoints: buildEndpointsMap(endpointSlices, node.name, node.ipFamily, warn),
  };
}

/** The sorted endpoints of one service port (empty when it has none). */
export function endpointsOf(snapshot: ProxySnapshot, port: ServicePortInfo): readonly EndpointInfo[] {
  return snapshot.endpoints.get(port.namespacedName)?.get(port.key) ?? [];
}

/** Categorises one service port's endpoints against the snapshot's node. */
export function categorizePort(snapshot: ProxySnapshot, port: ServicePortInfo): EndpointCategories {
  return categorizeEndpoints(endpointsOf(snapshot, port), port, snapshot.nodeName, snapshot.topologyLabels);
}
