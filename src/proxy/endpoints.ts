/** EndpointSlices → endpoints per service port for one IP family (upstream EndpointSliceCache). */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import type { IPFamily } from '../net/index.ts';
import {
  endpointIP,
  ignoreWarnings,
  type InputWarning,
  isDNSLabel,
  isDNSSubdomain,
  isLabelValue,
  isOptionalBoolean,
  isPortName,
  isPortNumber,
  listOf,
  metadataProblem,
  protocolOf,
  quoted,
  recordOf,
} from './input-checks.ts';
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

/** Hint names, sorted; undefined when any is not a valid name. */
function hintNames(value: unknown, valid: (name: unknown) => name is string): readonly string[] | undefined {
  if (value === undefined || value === null) return noHints;
  if (!Array.isArray(value)) return undefined;
  // Hints are rare; sharing one empty list keeps 100k-endpoint snapshots light.
  if (value.length === 0) return noHints;
  const names: string[] = [];
  for (const hint of value) {
    const name = recordOf(hint)?.['name'];
    if (!valid(name)) return undefined;
    names.push(name);
  }
  return names.sort(compareBytewise);
}

const optional = (check: (value: unknown) => boolean) => (value: unknown) =>
  value === undefined || value === null || check(value);
const optionalNodeName = optional(isDNSSubdomain);
const optionalZone = optional(isLabelValue);
const optionalHostname = optional(isDNSLabel);

/**
 * Why an endpoint is refused, or its info for `port` (the slice's first valid port; other ports copy it). Every
 * address must be one of the slice's family; only the first is used.
 */
function checkEndpoint(value: unknown, port: number, context: SliceContext): EndpointInfo | string {
  const { nodeName, family } = context;
  const endpoint = recordOf(value);
  if (endpoint === undefined) return 'not an object';
  const addresses = listOf(endpoint['addresses']);
  if (addresses.length === 0) return 'no addresses';
  let first: string | undefined;
  for (const address of addresses) {
    const ip = endpointIP(address);
    if (ip?.family !== family) return `invalid ${family} address ${quoted(address)}`;
    first ??= ip.text;
  }
  const conditions = recordOf(endpoint['conditions']) ?? {};
  const { ready, serving, terminating } = conditions;
  if (!isOptionalBoolean(ready) || !isOptionalBoolean(serving) || !isOptionalBoolean(terminating)) {
    return 'conditions must be booleans';
  }
  const node = endpoint['nodeName'];
  if (!optionalNodeName(node)) return `invalid nodeName ${quoted(node)}`;
  if (!optionalZone(endpoint['zone'])) return `invalid zone ${quoted(endpoint['zone'])}`;
  if (!optionalHostname(endpoint['hostname'])) return `invalid hostname ${quoted(endpoint['hostname'])}`;
  const hints = recordOf(endpoint['hints']) ?? {};
  const zoneHints = hintNames(hints['forZones'], isLabelValue);
  const nodeHints = hintNames(hints['forNodes'], isDNSSubdomain);
  if (zoneHints === undefined || nodeHints === undefined) return 'invalid hints';
  const ip = first ?? '';
  return {
    ip,
    port,
    endpoint: joinHostPort(ip, port),
    isLocal: typeof node === 'string' && nodeName !== '' && node === nodeName,
    ready: ready ?? true,
    serving: serving ?? true,
    terminating: terminating ?? false,
    zoneHints,
    nodeHints,
  };
}

/** The slice's ports that can be rendered: `[name, port, protocol]`; unset names and ports are skipped quietly. */
function checkedPorts(slice: EndpointSlice, where: string, warn: InputWarning): [string, number, Protocol][] {
  const out: [string, number, Protocol][] = [];
  for (const [index, value] of listOf(slice.ports).entries()) {
    const port = recordOf(value) ?? {};
    const { name, port: number } = port;
    // A nil name is invalid ("" is the unnamed port); a missing or zero port number means "no port" upstream.
    if (name === undefined || name === null || number === undefined || number === null || number === 0) continue;
    const protocol = protocolOf(port['protocol']);
    if (!isPortName(name)) warn(`${where}: ports[${index}] ignored: invalid name ${quoted(name)}`);
    else if (!isPortNumber(number)) warn(`${where}: ports[${index}] ignored: invalid port ${quoted(number)}`);
    else if (protocol === undefined) {
      warn(`${where}: ports[${index}] ignored: invalid protocol ${quoted(port['protocol'])}`);
    } else out.push([name, number, protocol]);
  }
  return out;
}

function checkedEndpoints(slice: EndpointSlice, where: string, port: number, context: SliceContext): EndpointInfo[] {
  const out: EndpointInfo[] = [];
  const endpoints = listOf(slice.endpoints);
  for (let index = 0; index < endpoints.length; index++) {
    const checked = checkEndpoint(endpoints[index], port, context);
    if (typeof checked === 'string') context.warn(`${where}: endpoints[${index}] ignored: ${checked}`);
    else out.push(checked);
  }
  return out;
}

/** The same endpoint on another port of its slice. */
function onPort(info: EndpointInfo, port: number): EndpointInfo {
  if (info.port === port) return info;
  return {
    ip: info.ip,
    port,
    endpoint: joinHostPort(info.ip, port),
    isLocal: info.isLocal,
    ready: info.ready,
    serving: info.serving,
    terminating: info.terminating,
    zoneHints: info.zoneHints,
    nodeHints: info.nodeHints,
  };
}

/** Endpoints being collected for one Service: port key → endpoint string → endpoint. */
type Collecting = Map<string, Map<string, EndpointInfo>>;

function addSlice(collecting: Collecting, slice: EndpointSlice, serviceName: string, context: SliceContext) {
  const namespace = slice.metadata?.namespace ?? '';
  const where = `EndpointSlice ${namespace}/${slice.metadata?.name ?? ''}`;
  const ports = checkedPorts(slice, where, context.warn);
  const firstPort = ports[0]?.[1];
  if (firstPort === undefined) return;
  const endpoints = checkedEndpoints(slice, where, firstPort, context);
  for (const [name, port, protocol] of ports) {
    const key = `${servicePortNameString(namespace, serviceName, name)}/${protocol}`;
    let set = collecting.get(key);
    if (set === undefined) collecting.set(key, (set = new Map<string, EndpointInfo>()));
    for (const checked of endpoints) {
      const info = onPort(checked, port);
      // The same IP in two slices: prefer the non-terminating one (a reused pod IP beats the dying pod).
      if (!set.has(info.endpoint) || !info.terminating) set.set(info.endpoint, info);
    }
  }
}

/** What every slice of one build is read against. */
interface SliceContext {
  readonly nodeName: string;
  readonly family: IPFamily;
  readonly warn: InputWarning;
}

function sliceServiceName(slice: EndpointSlice): unknown {
  return recordOf(recordOf(slice.metadata)?.['labels'])?.[serviceNameLabel];
}

/** Whether the slice is this family's and can be rendered as a whole (its identity is valid). */
function usableSlice(slice: EndpointSlice, family: IPFamily, warn: InputWarning): boolean {
  if ((slice as { addressType?: unknown }).addressType !== family) return false;
  const serviceName = sliceServiceName(slice);
  if (serviceName === undefined || serviceName === '') return false;
  const problem = metadataProblem('EndpointSlice', slice.metadata, isDNSSubdomain);
  if (problem !== undefined) {
    warn(problem);
    return false;
  }
  if (isDNSLabel(serviceName)) return true;
  const where = `EndpointSlice ${slice.metadata?.namespace ?? ''}/${slice.metadata?.name ?? ''}`;
  warn(`${where} ignored: invalid ${serviceNameLabel} label ${quoted(serviceName)}`);
  return false;
}

function sliceOrder(a: EndpointSlice, b: EndpointSlice): number {
  const byNamespace = compareBytewise(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '');
  return byNamespace !== 0 ? byNamespace : compareBytewise(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

/**
 * Endpoints by `namespace/service` and service-port key, each list sorted byte-wise by endpoint string.
 * Slices are visited in (namespace, name) order so the result does not depend on input order. A slice with an
 * invalid identity, and any port or endpoint that is not valid, is left out and reported to `warn`.
 */
export function buildEndpointsMap(
  slices: readonly EndpointSlice[],
  nodeName: string,
  family: IPFamily,
  warn: InputWarning = ignoreWarnings,
): Map<string, ServiceEndpoints> {
  const byService = new Map<string, Collecting>();
  const context: SliceContext = { nodeName, family, warn };
  const usable = slices.filter((slice) => usableSlice(slice, family, warn));
  for (const slice of usable.sort(sliceOrder)) {
    const serviceName = sliceServiceName(slice) as string;
    const service = `${slice.metadata?.namespace ?? ''}/${serviceName}`;
    let collecting = byService.get(service);
    if (collecting === undefined) byService.set(service, (collecting = new Map<string, Map<string, EndpointInfo>>()));
    addSlice(collecting, slice, serviceName, context);
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
