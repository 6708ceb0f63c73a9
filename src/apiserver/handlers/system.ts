/** The non-resource endpoints: version, discovery (aggregated and legacy), OpenAPI v3, and health checks. */
import { aggregatedContentType, aggregatedDiscovery, aggregatedDiscoveryVersion } from '../discovery/aggregated.ts';
import { apiGroupList, apiResourceList, apiVersions } from '../discovery/legacy.ts';
import { groupOfOpenAPIPath, openAPIGroupDocument, openAPIIndex } from '../discovery/openapi.ts';
import { serverVersion, versionInfo } from '../discovery/version.ts';
import { namedGroups } from '../resources.ts';
import type { ApiResponse } from './types.ts';

/** Facts the system endpoints report. */
export interface SystemState {
  /** `host:port` clients reach the server at (legacy `/api` reports it). */
  readonly serverAddressOf: () => string;
  /** Whether the store is open and the bootstrap objects exist. */
  readonly ready: () => boolean;
}

const healthPaths = new Set(['/livez', '/healthz', '/readyz']);

function health(path: string, state: SystemState): ApiResponse {
  if (path === '/readyz' && !state.ready()) {
    return {
      code: 500,
      body: '[-]bootstrap-objects failed: not finished\nreadyz check failed\n',
      contentType: 'text/plain',
    };
  }
  return { code: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
}

function discovery(scope: 'api' | 'apis', accept: string | undefined, state: SystemState): ApiResponse {
  const version = aggregatedDiscoveryVersion(accept);
  if (version !== undefined) {
    return { code: 200, body: aggregatedDiscovery(scope, version), contentType: aggregatedContentType(version) };
  }
  return { code: 200, body: scope === 'api' ? apiVersions(state.serverAddressOf()) : apiGroupList() };
}

function apiGroup(name: string): ApiResponse | undefined {
  if (!namedGroups().includes(name)) return undefined;
  const version = { groupVersion: `${name}/v1`, version: 'v1' };
  return {
    code: 200,
    body: { kind: 'APIGroup', apiVersion: 'v1', name, versions: [version], preferredVersion: version },
  };
}

function openAPI(path: string): ApiResponse | undefined {
  if (path === '/openapi/v3') return { code: 200, body: openAPIIndex(serverVersion.gitVersion) };
  const group = groupOfOpenAPIPath(path.slice('/openapi/v3/'.length));
  if (!path.startsWith('/openapi/v3/') || group === undefined) return undefined;
  const document = openAPIGroupDocument(group, serverVersion.gitVersion);
  return document === undefined ? undefined : { code: 200, body: document };
}

/** The response for a GET of a non-resource path, or undefined when the path is not one of them. */
export function handleSystemPath(
  path: string,
  accept: string | undefined,
  state: SystemState,
): ApiResponse | undefined {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (healthPaths.has(trimmed)) return health(trimmed, state);
  if (trimmed === '/version') return { code: 200, body: versionInfo() };
  if (trimmed === '/api') return discovery('api', accept, state);
  if (trimmed === '/apis') return discovery('apis', accept, state);
  if (trimmed === '/api/v1') return { code: 200, body: apiResourceList('') };
  const group = /^\/apis\/([^/]+)$/.exec(trimmed);
  if (group?.[1] !== undefined) return apiGroup(group[1]);
  const groupVersion = /^\/apis\/([^/]+)\/v1$/.exec(trimmed);
  if (groupVersion?.[1] !== undefined) {
    const list = apiResourceList(groupVersion[1]);
    return list === undefined ? undefined : { code: 200, body: list };
  }
  return trimmed.startsWith('/openapi/v3') ? openAPI(trimmed) : undefined;
}

/** Whether a path is answered without credentials. */
export function isHealthPath(path: string): boolean {
  return healthPaths.has(path.length > 1 ? path.replace(/\/+$/, '') : path);
}
