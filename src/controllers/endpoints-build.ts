/**
 * What a Service's endpoints should be, as pure functions of the Service and the Pods: the endpoints of its
 * EndpointSlices (grouped by resolved ports, at most 100 a slice) and its legacy `Endpoints` subsets.
 */
import type { EndpointPort as SlicePort, Endpoint } from 'kubernetes-types/discovery/v1.d.ts';
import type {
  EndpointAddress,
  EndpointPort as CorePort,
  EndpointSubset,
  Pod,
  Service,
  ServicePort,
} from 'kubernetes-types/core/v1.d.ts';
import { isPodReady, setSelectorMatches } from './objects.ts';

/** Upstream's limit (`--max-endpoints-per-slice` default). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** One selected pod as an endpoint: its address, conditions and the Service ports it serves. */
export interface PodEndpoint {
  readonly pod: Pod;
  readonly ip: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly ports: SlicePort[];
}

/** A group of endpoints sharing one port list: what one EndpointSlice holds. */
export interface SliceContent {
  readonly ports: SlicePort[];
  readonly endpoints: Endpoint[];
}

/** The container port a Service port's `targetPort` names on this pod, or the number it gives. */
function resolveTargetPort(port: ServicePort, pod: Pod): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  for (const container of pod.spec?.containers ?? []) {
    const found = (container.ports ?? []).find((p) => p.name === target && (p.protocol ?? 'TCP') === port.protocol);
    if (found !== undefined) return found.containerPort;
  }
  return undefined;
}

/** The Service's ports resolved for one pod; a named port the pod lacks is left out, as upstream does. */
export function resolvePorts(service: Service, pod: Pod): SlicePort[] {
  const resolved: SlicePort[] = [];
  for (const port of service.spec?.ports ?? []) {
    const number = resolveTargetPort(port, pod);
    if (number === undefined) continue;
    resolved.push({
      name: port.name ?? '',
      port: number,
      protocol: port.protocol ?? 'TCP',
      ...(port.appProtocol === undefined ? {} : { appProtocol: port.appProtocol }),
    });
  }
  return resolved;
}

function podIPv4(pod: Pod): string | undefined {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)];
  return ips.find((ip): ip is string => ip !== undefined && ip !== '' && !ip.includes(':'));
}

/** The Service's selected pods with an IPv4 address that have not finished, sorted by name. */
export function podEndpoints(service: Service, pods: readonly Pod[]): PodEndpoint[] {
  const selector = service.spec?.selector;
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const selected: PodEndpoint[] = [];
  for (const pod of pods) {
    if (pod.metadata?.namespace !== service.metadata?.namespace) continue;
    if (!setSelectorMatches(selector, pod.metadata?.labels)) continue;
    const phase = pod.status?.phase;
    const ip = podIPv4(pod);
    if (phase === 'Succeeded' || phase === 'Failed' || ip === undefined) continue;
    const terminating = pod.metadata?.deletionTimestamp !== undefined;
    const serving = publishNotReady || isPodReady(pod);
    selected.push({ pod, ip, ready: serving && !terminating, serving, terminating, ports: resolvePorts(service, pod) });
  }
  return selected.sort((a, b) => (a.pod.metadata?.name ?? '').localeCompare(b.pod.metadata?.name ?? ''));
}

function podReference(pod: Pod): NonNullable<EndpointAddress['targetRef']> {
  return {
    kind: 'Pod',
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
  };
}

function sliceEndpoint(endpoint: PodEndpoint): Endpoint {
  const nodeName = endpoint.pod.spec?.nodeName;
  return {
    addresses: [endpoint.ip],
    conditions: { ready: endpoint.ready, serving: endpoint.serving, terminating: endpoint.terminating },
    ...(nodeName === undefined ? {} : { nodeName }),
    targetRef: podReference(endpoint.pod),
  };
}

/** The slices a Service needs: one group per distinct port list, split at 100 endpoints; an empty placeholder if none. */
export function desiredSlices(service: Service, pods: readonly Pod[]): SliceContent[] {
  const groups = new Map<string, { ports: SlicePort[]; endpoints: Endpoint[] }>();
  for (const endpoint of podEndpoints(service, pods)) {
    const key = JSON.stringify(endpoint.ports);
    const group = groups.get(key) ?? { ports: endpoint.ports, endpoints: [] };
    group.endpoints.push(sliceEndpoint(endpoint));
    groups.set(key, group);
  }
  const slices: SliceContent[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key);
    if (group === undefined) continue;
    for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      slices.push({ ports: group.ports, endpoints: group.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
  }
  // Upstream keeps one empty slice for a selector that selects nothing, so consumers see "no endpoints" explicitly.
  return slices.length > 0 ? slices : [{ ports: [], endpoints: [] }];
}

function compareIP(a: EndpointAddress, b: EndpointAddress): number {
  const pad = (ip: string): string =>
    ip
      .split('.')
      .map((part) => part.padStart(3, '0'))
      .join('.');
  return pad(a.ip).localeCompare(pad(b.ip));
}

/** The legacy `Endpoints` subsets: one per distinct port list, ready and not-ready addresses sorted by IP. */
export function endpointsSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, Required<Pick<EndpointSubset, 'addresses' | 'notReadyAddresses' | 'ports'>>>();
  for (const endpoint of podEndpoints(service, pods)) {
    // The Endpoints controller leaves terminating pods out entirely (unless publishing not-ready addresses).
    if (endpoint.terminating && !publishNotReady) continue;
    if (endpoint.ports.length === 0) continue;
    const ports: CorePort[] = endpoint.ports.map(({ name, port = 0, protocol }) => ({
      ...(name === '' || name === undefined ? {} : { name }),
      port,
      protocol: protocol ?? 'TCP',
    }));
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { addresses: [], notReadyAddresses: [], ports };
    const nodeName = endpoint.pod.spec?.nodeName;
    const address: EndpointAddress = {
      ip: endpoint.ip,
      ...(nodeName === undefined ? {} : { nodeName }),
      targetRef: podReference(endpoint.pod),
    };
    (endpoint.ready ? group.addresses : group.notReadyAddresses).push(address);
    groups.set(key, group);
  }
  return [...groups.keys()].sort().flatMap((key) => {
    const group = groups.get(key);
    if (group === undefined) return [];
    const subset: EndpointSubset = { ports: group.ports };
    if (group.addresses.length > 0) subset.addresses = group.addresses.sort(compareIP);
    if (group.notReadyAddresses.length > 0) subset.notReadyAddresses = group.notReadyAddresses.sort(compareIP);
    return [subset];
  });
}
