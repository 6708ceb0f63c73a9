/**
 * Services → service ports for one IP family (upstream ServiceChangeTracker and `newBaseServiceInfo`). Every
 * value is checked first (`input-checks.ts`): a Service whose identity or service-wide settings are invalid is
 * left out whole, an invalid port or address alone, each reported to the warning sink.
 */
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { formatCIDR, parseCIDR, type IPFamily } from '../net/index.ts';
import {
  canonicalIP,
  ignoreWarnings,
  type InputWarning,
  isDNSLabel,
  isPortName,
  isPortNumber,
  listOf,
  metadataProblem,
  protocolOf,
  quoted,
  recordOf,
} from './input-checks.ts';
import type { Protocol, ProxyService, ServicePortInfo } from './types.ts';

/** The API default for `sessionAffinityConfig.clientIP.timeoutSeconds` (3 hours). */
export const defaultStickyMaxAgeSeconds = 10800;

/** `ServicePortName.String()`: `ns/name`, plus `:port` for a named port. */
export function servicePortNameString(namespace: string, name: string, portName: string): string {
  return portName === '' ? `${namespace}/${name}` : `${namespace}/${name}:${portName}`;
}

/**
 * The cluster IP a Service has in this family as written, or `""` (upstream `GetClusterIPByFamily`). Callers
 * that render it must parse it (`canonicalIP`).
 */
export function clusterIPForFamily(family: IPFamily, service: Service): string {
  const spec = recordOf(service.spec) ?? {};
  const families = listOf(spec['ipFamilies']);
  if (families.length === 0) {
    const clusterIP = spec['clusterIP'];
    if (typeof clusterIP !== 'string' || clusterIP === '' || clusterIP === 'None') return '';
    // Without ipFamilies (API skew) the single clusterIP counts if its syntax matches the family.
    return clusterIP.includes(':') === (family === 'IPv6') ? clusterIP : '';
  }
  const index = families.indexOf(family);
  const chosen = index >= 0 ? listOf(spec['clusterIPs'])[index] : undefined;
  return typeof chosen === 'string' ? chosen : '';
}

/** Whether kube-proxy ignores the Service entirely (headless, no IP yet, or ExternalName). */
export function shouldSkipService(service: Service): boolean {
  const clusterIP = service.spec?.clusterIP ?? '';
  return clusterIP === '' || clusterIP === 'None' || service.spec?.type === 'ExternalName';
}

/** The addresses of this family, canonically printed; anything that is not an address is reported and dropped. */
function ipsOfFamily(values: readonly unknown[], family: IPFamily, field: string, report: InputWarning): string[] {
  const out: string[] = [];
  for (const value of values) {
    const ip = canonicalIP(value);
    if (ip === undefined) report(`${field}: invalid IP ${quoted(value)} ignored`);
    else if (ip.family === family) out.push(ip.text);
  }
  return out;
}

/** The source ranges of this family, or undefined when one is not a CIDR: dropping it would open the firewall. */
function cidrsOfFamily(values: readonly unknown[], family: IPFamily): string[] | undefined {
  const out: string[] = [];
  for (const value of values) {
    // API validation used to accept padded ranges (" 203.0.113.0/25"), so trim as upstream does.
    const cidr = typeof value === 'string' ? parseCIDR(value.trim(), { sloppy: true }) : undefined;
    if (cidr === undefined) return undefined;
    if (cidr.family === family) out.push(formatCIDR(cidr));
  }
  return out;
}

function loadBalancerVIPs(service: Service, family: IPFamily, report: InputWarning): string[] {
  const ips: unknown[] = [];
  for (const value of listOf(recordOf(recordOf(service.status)?.['loadBalancer'])?.['ingress'])) {
    const ingress = recordOf(value) ?? {};
    const ip = ingress['ip'];
    // ipMode Proxy means the load balancer proxies to the nodes itself: no VIP rules for it.
    if (ip === undefined || ip === null || ip === '' || (ingress['ipMode'] ?? 'VIP') !== 'VIP') continue;
    ips.push(ip);
  }
  return ipsOfFamily(ips, family, 'status.loadBalancer.ingress', report);
}

/** API-level "externally accessible" (type LoadBalancer/NodePort, or ClusterIP with external IPs). */
function apiExternallyAccessible(service: Service): boolean {
  const type = service.spec?.type;
  const hasExternalIPs = listOf(service.spec?.externalIPs).length > 0;
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && hasExternalIPs);
}

const serviceTypes: readonly unknown[] = [undefined, null, 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const trafficPolicies: readonly unknown[] = [undefined, null, 'Cluster', 'Local'];
const affinities: readonly unknown[] = [undefined, null, 'None', 'ClientIP'];
/** Upstream's `MaxClientIPServiceAffinitySeconds` (one day). */
const maxStickySeconds = 86400;

/** Why a Service's service-wide settings cannot be rendered, or undefined when they can. */
function serviceWideProblem(service: Service): string | undefined {
  const spec = recordOf(service.spec) ?? {};
  if (!serviceTypes.includes(spec['type'])) return `invalid type ${quoted(spec['type'])}`;
  for (const field of ['externalTrafficPolicy', 'internalTrafficPolicy']) {
    if (!trafficPolicies.includes(spec[field])) return `invalid ${field} ${quoted(spec[field])}`;
  }
  if (!affinities.includes(spec['sessionAffinity']))
    return `invalid sessionAffinity ${quoted(spec['sessionAffinity'])}`;
  const timeout = recordOf(recordOf(spec['sessionAffinityConfig'])?.['clientIP'])?.['timeoutSeconds'];
  const validTimeout =
    timeout === undefined ||
    timeout === null ||
    (typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 1 && timeout <= maxStickySeconds);
  if (!validTimeout) return `invalid sessionAffinityConfig.clientIP.timeoutSeconds ${quoted(timeout)}`;
  const healthCheckNodePort = spec['healthCheckNodePort'];
  if (healthCheckNodePort !== undefined && healthCheckNodePort !== null && healthCheckNodePort !== 0) {
    if (!isPortNumber(healthCheckNodePort)) return `invalid healthCheckNodePort ${quoted(healthCheckNodePort)}`;
  }
  return undefined;
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

/** The settings every port shares, or why the Service cannot be rendered. */
function serviceWideInfo(
  service: Service,
  family: IPFamily,
  clusterIP: string,
  warn: InputWarning,
): ServiceWide | string {
  const problem = serviceWideProblem(service);
  if (problem !== undefined) return problem;
  const ip = canonicalIP(clusterIP);
  if (ip?.family !== family) return `invalid ${family} cluster IP ${quoted(clusterIP)}`;
  const spec = service.spec ?? {};
  const sourceRanges = cidrsOfFamily(listOf(spec.loadBalancerSourceRanges), family);
  if (sourceRanges === undefined) return 'invalid loadBalancerSourceRanges';
  const namespacedName = `${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}`;
  const report = (message: string): void => {
    warn(`Service ${namespacedName}: ${message}`);
  };
  const externalPolicyLocal = apiExternallyAccessible(service) && spec.externalTrafficPolicy === 'Local';
  const clientIP = spec.sessionAffinity === 'ClientIP';
  const needsHealthCheck = spec.type === 'LoadBalancer' && externalPolicyLocal;
  return {
    namespacedName,
    clusterIP: ip.text,
    externalIPs: ipsOfFamily(listOf(spec.externalIPs), family, 'spec.externalIPs', report),
    loadBalancerVIPs: loadBalancerVIPs(service, family, report),
    loadBalancerSourceRanges: sourceRanges,
    sessionAffinityClientIP: clientIP,
    stickyMaxAgeSeconds: clientIP
      ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultStickyMaxAgeSeconds)
      : 0,
    externalPolicyLocal,
    internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
    healthCheckNodePort: needsHealthCheck ? (spec.healthCheckNodePort ?? 0) : 0,
  };
}

/** A port's checked fields, or why it cannot be rendered. */
function checkPort(value: unknown): { name: string; port: number; protocol: Protocol; nodePort: number } | string {
  const port = recordOf(value);
  if (port === undefined) return 'not an object';
  const name = port['name'] ?? '';
  if (!isPortName(name)) return `invalid name ${quoted(name)}`;
  if (!isPortNumber(port['port'])) return `invalid port ${quoted(port['port'])}`;
  const protocol = protocolOf(port['protocol']);
  if (protocol === undefined) return `invalid protocol ${quoted(port['protocol'])}`;
  const nodePort = port['nodePort'] ?? 0;
  if (nodePort !== 0 && !isPortNumber(nodePort)) return `invalid nodePort ${quoted(nodePort)}`;
  return { name, port: port['port'], protocol, nodePort };
}

function portInfo(
  service: Service,
  shared: ServiceWide,
  port: { name: string; port: number; protocol: Protocol; nodePort: number },
): ServicePortInfo {
  const { name: portName, protocol, nodePort } = port;
  const nameString = servicePortNameString(service.metadata?.namespace ?? '', service.metadata?.name ?? '', portName);
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

/**
 * The Service as one family's proxier sees it, or null when that proxier ignores it (headless, ExternalName, no
 * cluster IP of this family) or cannot render it (invalid identity or settings, reported to `warn`).
 */
export function proxyServiceFor(
  service: Service,
  family: IPFamily,
  warn: InputWarning = ignoreWarnings,
): ProxyService | null {
  const problem = metadataProblem('Service', service.metadata, isDNSLabel);
  if (problem !== undefined) {
    warn(problem);
    return null;
  }
  const namespacedName = `${service.metadata?.namespace ?? ''}/${service.metadata?.name ?? ''}`;
  const rawClusterIP: unknown = service.spec?.clusterIP;
  if (rawClusterIP !== undefined && rawClusterIP !== null && typeof rawClusterIP !== 'string') {
    warn(`Service ${namespacedName} ignored: invalid clusterIP ${quoted(rawClusterIP)}`);
    return null;
  }
  if (shouldSkipService(service)) return null;
  const clusterIP = clusterIPForFamily(family, service);
  if (clusterIP === '') return null;
  const shared = serviceWideInfo(service, family, clusterIP, warn);
  if (typeof shared === 'string') {
    warn(`Service ${namespacedName} ignored: ${shared}`);
    return null;
  }
  // Keyed like upstream's map: a duplicate (name, protocol) keeps its first position and its last value.
  const byKey = new Map<string, ServicePortInfo>();
  for (const [index, value] of listOf(service.spec?.ports).entries()) {
    const port = checkPort(value);
    if (typeof port === 'string') {
      warn(`Service ${namespacedName}: spec.ports[${index}] ignored: ${port}`);
      continue;
    }
    const info = portInfo(service, shared, port);
    byKey.set(info.key, info);
  }
  return { namespacedName, ports: [...byKey.values()] };
}
