/**
 * Resource URLs: `/api/v1/...` for the core group, `/apis/<group>/v1/...` for the others; namespaced
 * (`namespaces/<ns>/<plural>`) or not; collection, item, and an item's subresource. The legacy
 * `/watch/` segment is accepted too.
 */
import { type ResourceInfo, findResource } from '../resources.ts';

/** A request for a served resource. */
export interface ResourceRoute {
  readonly info: ResourceInfo;
  /** The URL's namespace; `''` for cluster-scoped resources and cross-namespace collections. */
  readonly namespace: string;
  readonly name?: string;
  readonly subresource?: 'log' | 'status' | 'scale';
  /** The path had a `/watch/` segment (the deprecated watch URLs). */
  readonly watchPath: boolean;
}

function splitPath(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function groupAndRest(segments: readonly string[]): { group: string; rest: string[] } | undefined {
  if (segments[0] === 'api' && segments[1] === 'v1') return { group: '', rest: segments.slice(2) };
  if (segments[0] === 'apis' && segments[1] !== undefined && segments[2] === 'v1') {
    return { group: segments[1], rest: segments.slice(3) };
  }
  return undefined;
}

// `/api/v1/namespaces/<ns>/status` (and `finalize`) address the Namespace itself, not a resource inside it.
const namespaceSubresources = new Set(['status', 'finalize']);

function locate(group: string, rest: readonly string[]): Omit<ResourceRoute, 'watchPath'> | undefined {
  const inNamespace = rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSubresources.has(rest[2] ?? '');
  const [namespace, plural, name, subresource, ...extra] = inNamespace ? rest.slice(1) : ['', ...rest];
  if (plural === undefined || namespace === undefined || extra.length > 0) return undefined;
  const info = findResource(group, plural);
  if (info === undefined) return undefined;
  // A namespaced resource is reached by name only inside its namespace; a cluster-scoped one never inside one.
  if (inNamespace !== info.namespaced && (name !== undefined || inNamespace)) return undefined;
  if (subresource !== undefined && !info.subresources.some((s) => s.name === subresource)) return undefined;
  return {
    info,
    namespace,
    ...(name === undefined ? {} : { name }),
    ...(subresource === 'log' || subresource === 'status' || subresource === 'scale' ? { subresource } : {}),
  };
}

/** The resource a path addresses, or undefined when it addresses none (discovery paths included). */
export function parseResourcePath(path: string): ResourceRoute | undefined {
  const segments = splitPath(path);
  if (segments === undefined) return undefined;
  const located = groupAndRest(segments);
  if (located === undefined) return undefined;
  const watchPath = located.rest[0] === 'watch';
  const route = locate(located.group, watchPath ? located.rest.slice(1) : located.rest);
  return route === undefined ? undefined : { ...route, watchPath };
}
