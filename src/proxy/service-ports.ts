/** Services → service ports for one IP family (upstream ServiceChangeTracker and `newBaseServiceInfo`). */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.d.ts';
import { formatCIDR, formatIP, normalizeIP, parseCIDR, parseIP, type IPFamily } from '../net/index.ts';
import type { Protocol, ProxyService, ServicePortInfo } from './types.ts';

/** The API default for `sessionAffinityConfig.clientIP.timeoutSeconds` (3 hours). */
export const defaultStickyMaxAgeSeconds = 10800;

/** `ServicePortName.String()`: `ns/name`, plus `:port` for a named port. */
export function servicePortNameString(namespace: string, name: string, portName: string): string {
  return portName === '' ? `${namespace}/${name}` : `${namespace}/${name}:${portName}`;
}

/** The cluster IP a Service has in this family, or `""` (upstream `GetClusterIPByFamily`). */
export function clusterIPForFamily(family: IPFamily, service: Service): string {
  const spec = service.spec ?? {};
  const families = spec.ipFamilies ?? [];
  if (families.length === 0) {
    const clusterIP = spec.clusterIP ?? '';
    if (clusterIP === '' || clusterIP === 'None') return '';
    // Without ipFamilies (API skew) the single clusterIP counts if its syntax matches the family.
    return clusterIP.includes(':') === (family === 'IPv6') ? clusterIP : '';
  }
  const index = families.indexOf(family);
  return index >= 0 ? (spec.clusterIPs?.[index] ?? '') : '';
}

/** Whether kube-proxy ignores the Service entirely (headless, no IP yet, or ExternalName). */
export function shouldSkipService(service: Service): boolean {
  const clusterIP = service.spec?.clusterIP ?? '';
  return clusterIP === '' || clusterIP === 'None' || service.spec?.type === 'ExternalName';
}

function ipsOfFamily(texts: readonly string[], family: IPFamily): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const ip = parseIP(text, { sloppy: true, unmap: true });
    if (ip !== undefined && ip.family === family) out.push(formatIP(ip));
  }
  return out;
}

function cidrsOfFamily(texts: readonly string[], family: IPFamily): string[] {
  const out: string[] = [];
  for (const text of texts) {
    // API validation used to accept padded ranges (" 203.0.113.0/25"), so trim as upstream does.
    const cidr = parseCIDR(text.trim(), { sloppy: true });
    if (cidr !== undefined && cidr.family === family) out.push(formatCIDR(cidr));
  }
  return out;
}

function loadBalancerVIPs(service: Service, family: IPFamily): string[] {
  const ips: string[] = [];
  for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
    // ipMode Proxy means the load balancer proxies to the nodes itself: no VIP rules for it.
    if (ingress.ip === undefined || ingress.ip === '' || (ingress.ipMode ?? 'VIP') !== 'VIP') continue;
    ips.push(ingress.ip);
  }
  return ipsOfFamily(ips, family);
}

/** API-level "externally accessible" (type LoadBalancer/NodePort, or ClusterIP with external IPs). */
function apiExternallyAccessible(service: Service): boolean {
  const type = service.spec?.type;
  const hasExternalIPs = (service.spec?.externalIPs ?? []).length > 0;
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && hasExternalIPs);
}

/** Fields shared by every port of one Service. */
type ServiceWide = Omit<
  ServicePortInfo,
  | 'key'
  | 'portName'
  | 'nameString'
  | 'protocol'
  | 'port'
  | 'nodePort'
  | 'externallyAccessible'
  | 'usesClusterEndpoints'
  | 'usesLocalEndpoints'
>;

function serviceWideInfo(service: Service, family: IPFamily, clusterIP: string): ServiceWide {
  const spec = service.spec ?? {};
  const externalPolicyLocal = apiExternallyAccessible(service) && spec.externalTrafficPolicy === 'Local';
  const clientIP = spec.sessionAffinity === 'ClientIP';
  const needsHealthCheck = spec.type === 'LoadBalancer' && externalPolicyLocal;
  return {
    namespacedName: `${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}`,
    clusterIP: normalizeIP(clusterIP) ?? clusterIP,
    externalIPs: ipsOfFamily(spec.externalIPs ?? [], family),
    loadBalancerVIPs: loadBalancerVIPs(service, family),
    loadBalancerSourceRanges: cidrsOfFamily(spec.loadBalancerSourceRanges ?? [], family),
    sessionAffinityClientIP: clientIP,
    stickyMaxAgeSeconds: clientIP
      ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultStickyMaxAgeSeconds)
      : 0,
    externalPolicyLocal,
    internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
    healthCheckNodePort: needsHealthCheck ? (spec.healthCheckNodePort ?? 0) : 0,
  };
}

function portInfo(service: Service, shared: ServiceWide, port: ServicePort): ServicePortInfo {
  const portName = port.name ?? '';
  const protocol = (port.protocol ?? 'TCP') as Protocol;
  const nameString = servicePortNameString(service.metadata?.namespace ?? '', service.metadata?.name ?? '', portName);
  const nodePort = port.nodePort ?? 0;
  const externallyAccessible = nodePort !== 0 || shared.loadBalancerVIPs.length > 0 || shared.externalIPs.length > 0;
  return {
    key: `${nameString}/${protocol}`,
    namespacedName: shared.namespacedName,
    portName,
    nameString,
    protocol,
    clusterIP: shared.clusterIP,
    port: port.port,
    nodePort,
    externalIPs: shared.externalIPs,
    loadBalancerVIPs: shared.loadBalancerVIPs,
    loadBalancerSourceRanges: shared.loadBalancerSourceRanges,
    stickyMaxAgeSeconds: shared.stickyMaxAgeSeconds,
    sessionAffinityClientIP: shared.sessionAffinityClientIP,
    externalPolicyLocal: shared.externalPolicyLocal,
    internalPolicyLocal: shared.internalPolicyLocal,
    healthCheckNodePort: shared.healthCheckNodePort,
    externallyAccessible,
    usesClusterEndpoints: !shared.internalPolicyLocal || externallyAccessible,
    usesLocalEndpoints: shared.internalPolicyLocal || (shared.externalPolicyLocal && externallyAccessible),
  };
}

/** The Service as one family's proxier sees it, or null when that proxier ignores it. */
export function proxyServiceFor(service: Service, family: IPFamily): ProxyService | null {
  if (shouldSkipService(service)) return null;
  const clusterIP = clusterIPForFamily(family, service);
  if (clusterIP === '') return null;
  const shared = serviceWideInfo(service, family, clusterIP);
  // Keyed like upstream's map: a duplicate (name, protocol) keeps its first position and its last value.
  const byKey = new Map<string, ServicePortInfo>();
  for (const port of service.spec?.ports ?? []) {
    const info = portInfo(service, shared, port);
    byKey.set(info.key, info);
  }
  return { namespacedName: shared.namespacedName, ports: [...byKey.values()] };
}
