/**
 * `GET /api/v1/namespaces/{ns}/pods/{name}/log`, up to where the kubelet takes over: the `PodLogOptions` query
 * decoded and validated, the pod and container checked, and the kubelet URL found from the Node (kube-apiserver's
 * `LogREST.Get` and `LogLocation`). Streaming the kubelet's answer back is `http/pod-log-proxy.ts`.
 */
import { isIP } from 'node:net';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, forbidden, invalid } from '../../api/field-errors.ts';
import { type Status, type StatusDetails, type StatusReason, badRequest, invalidStatus } from '../../api/status.ts';
import { isDNS1123Subdomain } from '../../api/validation/names.ts';
import { parseGoInt64, queryBool } from '../http/query-values.ts';
import { findResource } from '../resources.ts';
import { getObject } from '../rest/read.ts';
import type { ServerContext } from './types.ts';

/** Upstream kubelet's port, used when a Node publishes none. */
const DEFAULT_KUBELET_PORT = 10250;

/** The options of a log request (`PodLogOptions`). */
export interface PodLogOptions {
  readonly container?: string;
  readonly follow: boolean;
  readonly previous: boolean;
  readonly timestamps: boolean;
  readonly tailLines?: number;
  readonly sinceSeconds?: number;
  readonly sinceTime?: string;
  readonly limitBytes?: number;
  /** Accepted; the kubelet endpoint is plain HTTP, so there is no certificate to skip. */
  readonly insecureSkipTLSVerifyBackend: boolean;
}

/** Where a log request goes: a Status, an empty answer (a pod with no node yet), or the kubelet's URL. */
export type PodLogTarget =
  | { readonly kind: 'status'; readonly status: Status }
  | { readonly kind: 'empty' }
  | { readonly kind: 'kubelet'; readonly url: URL };

/**
 * A Status with no reason unless given (`StatusReasonUnknown` is empty), as kube-apiserver answers a plain Go error (500) or a
 * backend's unrecognised code.
 */
export function unknownReasonStatus(
  code: number,
  message: string,
  details?: StatusDetails,
  reason?: StatusReason,
): Status {
  const base = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message } as const;
  const withReason = reason === undefined ? base : { ...base, reason };
  return details === undefined ? { ...withReason, code } : { ...withReason, details, code };
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Reads the query; a value that does not convert is a 400 with Go's conversion error. */
export function parsePodLogQuery(
  params: URLSearchParams,
): { ok: true; options: PodLogOptions } | { ok: false; status: Status } {
  const numbers: Partial<Record<'tailLines' | 'sinceSeconds' | 'limitBytes', number>> = {};
  for (const name of ['tailLines', 'sinceSeconds', 'limitBytes'] as const) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    const parsed = parseGoInt64(value);
    if (!parsed.ok) return { ok: false, status: parsed.status };
    numbers[name] = parsed.value;
  }
  const sinceTime = params.get('sinceTime') ?? '';
  if (sinceTime !== '' && !RFC3339.test(sinceTime)) {
    const layout = '2006-01-02T15:04:05Z07:00';
    return { ok: false, status: badRequest(`parsing time ${JSON.stringify(sinceTime)} as ${JSON.stringify(layout)}`) };
  }
  const container = params.get('container') ?? '';
  return {
    ok: true,
    options: {
      ...(container === '' ? {} : { container }),
      follow: queryBool(params, 'follow'),
      previous: queryBool(params, 'previous'),
      timestamps: queryBool(params, 'timestamps'),
      ...numbers,
      ...(sinceTime === '' ? {} : { sinceTime }),
      insecureSkipTLSVerifyBackend: queryBool(params, 'insecureSkipTLSVerifyBackend'),
    },
  };
}

/** Upstream's `ValidatePodLogOptions`. */
export function validatePodLogOptions(options: PodLogOptions): FieldError[] {
  const errors: FieldError[] = [];
  const { tailLines, limitBytes, sinceSeconds, sinceTime } = options;
  if (tailLines !== undefined && tailLines < 0) {
    errors.push(invalid('tailLines', tailLines, 'must be greater than or equal to 0'));
  }
  if (limitBytes !== undefined && limitBytes < 1)
    errors.push(invalid('limitBytes', limitBytes, 'must be greater than 0'));
  if (sinceSeconds !== undefined && sinceTime !== undefined) {
    errors.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (sinceSeconds !== undefined && sinceSeconds < 1) {
    errors.push(invalid('sinceSeconds', sinceSeconds, 'must be greater than 0'));
  }
  return errors;
}

/** Upstream's `validateContainer`: the one container, or the named one if the pod has it. */
export function choosePodLogContainer(
  pod: Pod,
  wanted: string | undefined,
): { ok: true; container: string } | { ok: false; status: Status } {
  const name = pod.metadata?.name ?? '';
  const spec = pod.spec;
  const containers = spec?.containers ?? [];
  const all = [...(spec?.initContainers ?? []), ...containers, ...(spec?.ephemeralContainers ?? [])].map((c) => c.name);
  if (wanted === undefined) {
    const [only] = containers;
    if (containers.length === 1 && only !== undefined) return { ok: true, container: only.name };
    const message =
      containers.length === 0
        ? `a container name must be specified for pod ${name}`
        : `a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`;
    return { ok: false, status: badRequest(message) };
  }
  if (!all.includes(wanted))
    return { ok: false, status: badRequest(`container ${wanted} is not valid for pod ${name}`) };
  return { ok: true, container: wanted };
}

/** The kubelet's query, as kube-apiserver builds it. */
function kubeletQuery(options: PodLogOptions): URLSearchParams {
  const params = new URLSearchParams();
  if (options.follow) params.set('follow', 'true');
  if (options.limitBytes !== undefined) params.set('limitBytes', String(options.limitBytes));
  if (options.previous) params.set('previous', 'true');
  if (options.sinceSeconds !== undefined) params.set('sinceSeconds', String(options.sinceSeconds));
  if (options.sinceTime !== undefined) params.set('sinceTime', options.sinceTime);
  if (options.tailLines !== undefined) params.set('tailLines', String(options.tailLines));
  if (options.timestamps) params.set('timestamps', 'true');
  return params;
}

/** A stored value for a message (a Node from another server may hold anything). */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether `address` may name a kubelet host: an IP address, or a DNS name (a DNS-1123 subdomain). */
function isHostAddress(address: string): boolean {
  return isIP(address) !== 0 || isDNS1123Subdomain(address).length === 0;
}

/** The host of a kubelet URL: an IPv6 address in brackets, anything else as it is. */
function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

/**
 * The kubelet endpoint of a Node: its first InternalIP that is a valid address, and its published port (10250
 * when unset). A Node whose addresses or port do not make a URL is answered as upstream answers a Node without a
 * usable address — never turned into a request to some other host.
 */
export function kubeletEndpoint(node: Node): { ok: true; host: string; port: number } | { ok: false; status: Status } {
  const addresses = node.status?.addresses ?? [];
  const ip = addresses.find(
    (a) => a.type === 'InternalIP' && typeof a.address === 'string' && isHostAddress(a.address),
  );
  if (ip === undefined) {
    const known = addresses.map((a) => `{${shown(a.type)} ${shown(a.address)}}`).join(' ');
    return { ok: false, status: unknownReasonStatus(500, `no preferred addresses found; known addresses: [${known}]`) };
  }
  const published: unknown = node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0;
  if (typeof published !== 'number' || !Number.isInteger(published) || published < 0 || published > 65535) {
    const message = `invalid kubelet port ${JSON.stringify(published)} of node ${String(node.metadata?.name)}`;
    return { ok: false, status: unknownReasonStatus(500, message) };
  }
  return { ok: true, host: ip.address, port: published > 0 ? published : DEFAULT_KUBELET_PORT };
}

/**
 * `http://<host>:<port>/containerLogs/<ns>/<pod>/<container>?<query>`, built part by part on a URL object: every
 * path segment is encoded, and the result is checked to name exactly the host and port asked for.
 */
export function kubeletLogUrl(
  endpoint: { readonly host: string; readonly port: number },
  segments: readonly string[],
  query: URLSearchParams,
): URL | undefined {
  const url = new URL('http://kubelet.invalid/');
  url.hostname = urlHost(endpoint.host);
  url.port = String(endpoint.port);
  // A URL resolves `.` and `..` (encoded or not) away: such a segment would change the path, so none is built.
  if (segments.some((segment) => segment === '.' || segment === '..')) return undefined;
  url.pathname = `/${['containerLogs', ...segments].map(encodeURIComponent).join('/')}`;
  url.search = query.toString();
  const port = url.port === '' ? 80 : Number(url.port);
  return url.hostname === urlHost(endpoint.host).toLowerCase() && port === endpoint.port ? url : undefined;
}

const pods = findResource('', 'pods');
const nodes = findResource('', 'nodes');

/** Where the log of pod `namespace/name` comes from, given the request's query. */
export async function locatePodLog(
  context: ServerContext,
  namespace: string,
  name: string,
  params: URLSearchParams,
): Promise<PodLogTarget> {
  if (pods === undefined || nodes === undefined) throw new Error('pods and nodes are always served');
  const parsed = parsePodLogQuery(params);
  if (!parsed.ok) return { kind: 'status', status: parsed.status };
  const { options } = parsed;
  const errors = validatePodLogOptions(options);
  if (errors.length > 0) return { kind: 'status', status: invalidStatus({ kind: 'PodLogOptions' }, name, errors) };
  const stored = await getObject(context, pods, namespace, name);
  if (!stored.ok) return { kind: 'status', status: stored.status };
  const pod = stored.value.object as Pod;
  const container = choosePodLogContainer(pod, options.container);
  if (!container.ok) return { kind: 'status', status: container.status };
  const nodeName = pod.spec?.nodeName ?? '';
  // Upstream answers a pod that has no node yet with an empty stream (204), not an error.
  if (nodeName === '') return { kind: 'empty' };
  const node = await getObject(context, nodes, '', nodeName);
  if (!node.ok) return { kind: 'status', status: node.status };
  const endpoint = kubeletEndpoint(node.value.object);
  if (!endpoint.ok) return { kind: 'status', status: endpoint.status };
  const url = kubeletLogUrl(endpoint, [namespace, name, container.container], kubeletQuery(options));
  if (url === undefined) {
    return { kind: 'status', status: unknownReasonStatus(500, `invalid kubelet address of node ${nodeName}`) };
  }
  return { kind: 'kubelet', url };
}
