/**
 * What a request asks to do, in the terms authorization speaks (upstream's `RequestInfoFactory`): a verb, and for
 * resource requests the API group, resource, subresource, namespace and name. It reads the URL alone, so paths the
 * server does not serve are described too (a node asking for ConfigMaps is forbidden, not told they do not exist).
 */

/** One request, as the authorizers see it. */
export interface RequestAttributes {
  /**
   * `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`; for non-resource paths the
   * HTTP method in lower case.
   */
  readonly verb: string;
  readonly isResourceRequest: boolean;
  /** The path without its query (non-resource requests are named by it). */
  readonly path: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
}

const httpVerbs: Readonly<Record<string, string>> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

// Paths under /api/v1/namespaces/<ns>/ that address the Namespace itself, not a resource inside it.
const namespaceSubresources = new Set(['status', 'finalize']);

/** Go's `strconv.ParseBool` truth values, as the `watch` parameter is decoded upstream. */
function goTrue(value: string | null): boolean {
  return value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

function segmentsOf(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function groupAndParts(segments: readonly string[]): { apiGroup: string; parts: string[] } | undefined {
  if (segments[0] === 'api' && segments.length >= 3) return { apiGroup: '', parts: segments.slice(2) };
  if (segments[0] === 'apis' && segments.length >= 4) {
    return { apiGroup: segments[1] ?? '', parts: segments.slice(3) };
  }
  return undefined;
}

function nonResource(method: string, path: string): RequestAttributes {
  return {
    verb: method.toLowerCase(),
    isResourceRequest: false,
    path,
    apiGroup: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  };
}

function listVerb(verb: string, name: string, params: URLSearchParams, watchPath: boolean): string {
  if (name !== '') return watchPath && verb === 'get' ? 'watch' : verb;
  if (verb === 'get') return watchPath || goTrue(params.get('watch')) ? 'watch' : 'list';
  return verb === 'delete' ? 'deletecollection' : verb;
}

// A list or watch narrowed to one object by `metadata.name=` is about that object.
function selectedName(params: URLSearchParams): string {
  for (const term of (params.get('fieldSelector') ?? '').split(',')) {
    const match = /^\s*metadata\.name\s*==?\s*(\S*)\s*$/.exec(term);
    if (match?.[1] !== undefined) return match[1];
  }
  return '';
}

/** The attributes of a request with `method` for the raw request target `url`. */
export function requestAttributes(method: string, url: string): RequestAttributes {
  // Not `new URL()`: a target such as `//%` would make it throw (it reads a host there).
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const params = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  const segments = segmentsOf(path);
  const located = segments === undefined ? undefined : groupAndParts(segments);
  const verb = httpVerbs[method];
  if (located === undefined || verb === undefined) return nonResource(method, path);
  let parts = located.parts;
  const watchPath = parts[0] === 'watch';
  if (watchPath) parts = parts.slice(1);
  let namespace = '';
  if (parts[0] === 'namespaces' && parts[1] !== undefined) {
    namespace = parts[1];
    if (parts.length > 2 && !namespaceSubresources.has(parts[2] ?? '')) parts = parts.slice(2);
  }
  const [resource = '', name = '', subresource = ''] = parts;
  const finalVerb = listVerb(verb, name, params, watchPath);
  const listName = finalVerb === 'list' || finalVerb === 'watch' ? selectedName(params) : '';
  return {
    verb: finalVerb,
    isResourceRequest: true,
    path,
    apiGroup: located.apiGroup,
    resource,
    subresource,
    namespace,
    name: name === '' ? listName : name,
  };
}
