/** EndpointSlices → endpoints per service port for one IP family (upstream EndpointSliceCache). */
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { normalizeIP, type IPFamily } from '../net/index.ts';
import { servicePortNameString } from './service-ports.ts';
import type { EndpointInfo, Protocol, ServiceEndpoints } from './types.ts';

/** The label that ties an EndpointSlice to its Service. */
export const serviceNameLabel = 'kubernetes.io/service-name';

/** Byte-wise comparison (upstream sorts with Go's `<` on strings; ours are ASCII, so code units agree). */
export function compareBytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `net.JoinHostPort`: brackets around IPv6 addresses. */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

const noHints: readonly string[] = Object.freeze([]);

function sortedNames(names: readonly { name?: string }[] | undefined): readonly string[] {
  // Hints are rare; sharing one empty list keeps 100k-endpoint snapshots light.
  if (names === undefined || names.length === 0) return noHints;
  return names.map((hint) => hint.name ?? '').sort(compareBytewise);
}

function endpointInfo(endpoint: Endpoint, port: number, nodeName: string, family: IPFamily): EndpointInfo | null {
  const address = endpoint.addresses[0];
  const text = address === undefined ? undefined : normalizeIP(address);
  if (text === undefined || text.includes(':') !== (family === 'IPv6')) return null;
  const conditions = endpoint.conditions ?? {};
  return {
    ip: text,
    port,
    endpoint: joinHostPort(text, port),
    isLocal: endpoint.nodeName !== undefined && nodeName !== '' && endpoint.nodeName === nodeName,
    ready: conditions.ready ?? true,
    serving: conditions.serving ?? true,
    terminating: conditions.terminating ?? false,
    zoneHints: sortedNames(endpoint.hints?.forZones),
    nodeHints: sortedNames((endpoint.hints as { forNodes?: { name?: string }[] } | undefined)?.forNodes),
  };
}

/** Endpoints being collected for one Service: port key → endpoint string → endpoint. */
type Collecting = Map<string, Map<string, EndpointInfo>>;

function addSlice(
  collecting: Collecting,
  slice: EndpointSlice,
  serviceName: string,
  nodeName: string,
  family: IPFamily,
) {
  const namespace = slice.metadata?.namespace ?? '';
  for (const port of slice.ports ?? []) {
    // A nil name is invalid ("" is the unnamed port); a missing or zero port number is ignored.
    const name = port.name as string | null | undefined; // JSON may carry null
    if (name === undefined || name === null || port.port === undefined || port.port === 0) continue;
    const protocol = (port.protocol ?? 'TCP') as Protocol;
    const key = `${servicePortNameString(namespace, serviceName, name)}/${protocol}`;
    let set = collecting.get(key);
    if (set === undefined) collecting.set(key, (set = new Map<string, EndpointInfo>()));
    for (const endpoint of slice.endpoints) {
      const info = endpointInfo(endpoint, port.port, nodeName, family);
      if (info === null) continue;
      // The same IP in two slices: prefer the non-terminating one (a reused pod IP beats the dying pod).
      if (!set.has(info.endpoint) || !info.terminating) set.set(info.endpoint, info);
    }
  }
}

function sliceServiceName(slice: EndpointSlice): string {
  return slice.metadata?.labels?.[serviceNameLabel] ?? '';
}

function sliceOrder(a: EndpointSlice, b: EndpointSlice): number {
  const byNamespace = compareBytewise(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '');
  return byNamespace !== 0 ? byNamespace : compareBytewise(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

/**
 * Endpoints by `namespace/service` and service-port key, each list sorted byte-wise by endpoint string.
 * Slices are visited in (namespace, name) order so the result does not depend on input order.
 */
export function buildEndpointsMap(
  slices: readonly EndpointSlice[],
  nodeName: string,
  family: IPFamily,
): Map<string, ServiceEndpoints> {
  const byService = new Map<string, Collecting>();
  const usable = slices.filter(
    (slice) => slice.addressType === family && sliceServiceName(slice) !== '' && (slice.metadata?.name ?? '') !== '',
  );
  for (const slice of usable.sort(sliceOrder)) {
    const serviceName = sliceServiceName(slice);
    const service = `${slice.metadata?.namespace ?? ''}/${serviceName}`;
    let collecting = byService.get(service);
    if (collecting === undefined) byService.set(service, (collecting = new Map<string, Map<string, EndpointInfo>>()));
    addSlice(collecting, slice, serviceName, nodeName, family);
  }
  const result = new Map<string, ServiceEndpoints>();
  for (const [service, collecting] of byService) {
    const ports = new Map<string, readonly EndpointInfo[]>();
    for (const [key, set] of collecting) {
      if (set.size === 0) continue;
      ports.set(
        key,
        [...set.values()].sort((a, b) => compareBytewise(a.endpoint, b.endpoint)),
      );
    }
    if (ports.size > 0) result.set(service, ports);
  }
  return result;
}
