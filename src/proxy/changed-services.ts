/** Which Services changed between two snapshots: the services a partial (KEP-3453) sync must rewrite. */
import type { EndpointInfo, ProxySnapshot, ServiceEndpoints, ServicePortInfo } from './types.ts';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function samePort(a: ServicePortInfo, b: ServicePortInfo): boolean {
  return (
    a.key === b.key &&
    a.clusterIP === b.clusterIP &&
    a.port === b.port &&
    a.nodePort === b.nodePort &&
    a.sessionAffinityClientIP === b.sessionAffinityClientIP &&
    a.stickyMaxAgeSeconds === b.stickyMaxAgeSeconds &&
    a.externalPolicyLocal === b.externalPolicyLocal &&
    a.internalPolicyLocal === b.internalPolicyLocal &&
    a.healthCheckNodePort === b.healthCheckNodePort &&
    sameList(a.externalIPs, b.externalIPs) &&
    sameList(a.loadBalancerVIPs, b.loadBalancerVIPs) &&
    sameList(a.loadBalancerSourceRanges, b.loadBalancerSourceRanges)
  );
}

function samePorts(a: readonly ServicePortInfo[] | undefined, b: readonly ServicePortInfo[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((port, i) => samePort(port, b[i] as ServicePortInfo));
}

function sameEndpoint(a: EndpointInfo, b: EndpointInfo): boolean {
  return (
    a.endpoint === b.endpoint &&
    a.isLocal === b.isLocal &&
    a.ready === b.ready &&
    a.serving === b.serving &&
    a.terminating === b.terminating &&
    sameList(a.zoneHints, b.zoneHints) &&
    sameList(a.nodeHints, b.nodeHints)
  );
}

function sameEndpoints(a: ServiceEndpoints | undefined, b: ServiceEndpoints | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.size !== b.size) return false;
  for (const [key, list] of a) {
    const other = b.get(key);
    if (other === undefined || other.length !== list.length) return false;
    if (!list.every((ep, i) => sameEndpoint(ep, other[i] as EndpointInfo))) return false;
  }
  return true;
}

/**
 * The `namespace/name` of every Service whose service ports or endpoints differ between the snapshots
 * (appeared, disappeared or changed). With no previous snapshot, every Service of `next` is changed.
 */
export function changedServices(previous: ProxySnapshot | undefined, next: ProxySnapshot): Set<string> {
  const changed = new Set<string>();
  const previousPorts = new Map(previous?.services.map((svc) => [svc.namespacedName, svc.ports]) ?? []);
  const nextPorts = new Map(next.services.map((svc) => [svc.namespacedName, svc.ports]));
  const names = new Set([...previousPorts.keys(), ...nextPorts.keys()]);
  for (const name of previous?.endpoints.keys() ?? []) names.add(name);
  for (const name of next.endpoints.keys()) names.add(name);
  for (const name of names) {
    const portsDiffer = !samePorts(previousPorts.get(name), nextPorts.get(name));
    if (portsDiffer || !sameEndpoints(previous?.endpoints.get(name), next.endpoints.get(name))) changed.add(name);
  }
  return changed;
}
