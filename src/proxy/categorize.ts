/** Which endpoints a service port uses for Cluster and Local traffic policy (upstream `CategorizeEndpoints`). */
import type { EndpointInfo, ServicePortInfo } from './types.ts';
import { compareBytewise } from './endpoints.ts';

/** The node label topology-aware routing reads. */
export const zoneLabel = 'topology.kubernetes.io/zone';

/** The outcome of categorisation; every list keeps the byte-wise endpoint order. */
export interface EndpointCategories {
  /** Endpoints for Cluster policy (empty when the port never uses it). */
  readonly cluster: readonly EndpointInfo[];
  /** Endpoints for Local policy (empty when the port never uses it). */
  readonly local: readonly EndpointInfo[];
  /** Union of the two: every endpoint this node may DNAT to (one SEP chain each). */
  readonly allReachable: readonly EndpointInfo[];
  /** Usable endpoints exist somewhere in the cluster (possibly none on this node). */
  readonly hasAny: boolean;
}

type TopologyMode = '' | 'PreferSameNode' | 'PreferSameZone';

const noEndpoints: EndpointCategories = { cluster: [], local: [], allReachable: [], hasAny: false };

/** The topology mode the endpoints' hints ask for on this node ("" when hints do not apply). */
function topologyModeFromHints(endpoints: readonly EndpointInfo[], nodeName: string, zone: string): TopologyMode {
  let hasReady = false;
  let allHaveNodeHints = true;
  let hasForNode = false;
  let allHaveZoneHints = true;
  let hasForZone = false;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    hasReady = true;
    if (ep.nodeHints.length === 0) allHaveNodeHints = false;
    else if (ep.nodeHints.includes(nodeName)) hasForNode = true;
    if (ep.zoneHints.length === 0) allHaveZoneHints = false;
    else if (ep.zoneHints.includes(zone)) hasForZone = true;
  }
  if (!hasReady) return '';
  // PreferSameTrafficDistribution (node hints) is on by default in the release this follows.
  if (allHaveNodeHints && hasForNode) return 'PreferSameNode';
  if (allHaveZoneHints && hasForZone) return 'PreferSameZone';
  return '';
}

function availableForTopology(ep: EndpointInfo, mode: TopologyMode, nodeName: string, zone: string): boolean {
  if (mode === 'PreferSameNode') return ep.nodeHints.includes(nodeName);
  if (mode === 'PreferSameZone') return ep.zoneHints.includes(zone);
  return true;
}

function mergeSorted(a: readonly EndpointInfo[], b: readonly EndpointInfo[]): EndpointInfo[] {
  const byEndpoint = new Map<string, EndpointInfo>();
  for (const ep of a) byEndpoint.set(ep.endpoint, ep);
  for (const ep of b) byEndpoint.set(ep.endpoint, ep);
  return [...byEndpoint.values()].sort((x, y) => compareBytewise(x.endpoint, y.endpoint));
}

interface LocalChoice {
  readonly local: readonly EndpointInfo[];
  readonly hasAny: boolean;
  readonly servingTerminating: boolean;
}

/** Local endpoints: ready ones, else serving-and-terminating ones (the fallback is per policy). */
function chooseLocal(endpoints: readonly EndpointInfo[]): LocalChoice {
  let hasAny = false;
  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAny = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAny = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  if (hasLocalReady)
    return { local: endpoints.filter((ep) => ep.isLocal && ep.ready), hasAny, servingTerminating: false };
  if (hasLocalServingTerminating) {
    const local = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
    return { local, hasAny, servingTerminating: true };
  }
  return { local: [], hasAny, servingTerminating: false };
}

/**
 * Splits a port's sorted endpoints into Cluster and Local sets. Ready endpoints are preferred; when none are
 * ready, serving-and-terminating ones are used (separately for each policy); non-serving never.
 */
export function categorizeEndpoints(
  endpoints: readonly EndpointInfo[],
  port: ServicePortInfo,
  nodeName: string,
  topologyLabels: Readonly<Record<string, string>>,
): EndpointCategories {
  if (endpoints.length === 0) return noEndpoints;
  let cluster: readonly EndpointInfo[] = [];
  let hasAny = false;
  let mode: TopologyMode = '';
  if (port.usesClusterEndpoints) {
    const zone = topologyLabels[zoneLabel] ?? '';
    mode = topologyModeFromHints(endpoints, nodeName, zone);
    // The common case (every endpoint ready, no topology) keeps the sorted list itself: no copy.
    cluster =
      mode === '' && endpoints.every((ep) => ep.ready)
        ? endpoints
        : endpoints.filter((ep) => ep.ready && availableForTopology(ep, mode, nodeName, zone));
    if (cluster.length === 0) cluster = endpoints.filter((ep) => ep.serving && ep.terminating);
    hasAny = cluster.length > 0;
  }
  if (!port.usesLocalEndpoints) return { cluster, local: [], allReachable: cluster, hasAny };
  const choice = chooseLocal(endpoints);
  hasAny ||= choice.hasAny;
  if (!port.usesClusterEndpoints) return { cluster, local: choice.local, allReachable: choice.local, hasAny };
  // With no topology and ready-only local endpoints, the cluster set already holds every local endpoint.
  if (mode === '' && !choice.servingTerminating) return { cluster, local: choice.local, allReachable: cluster, hasAny };
  return { cluster, local: choice.local, allReachable: mergeSorted(cluster, choice.local), hasAny };
}
