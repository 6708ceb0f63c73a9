/** The resources the API server serves: one entry each, the single source for routing, discovery and OpenAPI. */

/** A subresource, the kind its requests and responses carry, and its verbs. */
export interface SubresourceInfo {
  readonly name: 'log' | 'status' | 'scale';
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly verbs: readonly string[];
}

/** One served resource (a REST collection). */
export interface ResourceInfo {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The plural resource name used in URLs, e.g. `services`. */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly subresources: readonly SubresourceInfo[];
}

/** Every verb a collection supports, in the order discovery lists them. */
export const resourceVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Verbs of the status and scale subresources. */
export const subresourceVerbs = ['get', 'patch', 'update'];

/** Verbs of `pods/log` (upstream lists its kind as Pod: the REST storage's `New` is a Pod). */
export const logSubresourceVerbs = ['get'];

function resource(
  group: string,
  kind: string,
  plural: string,
  options: Partial<Pick<ResourceInfo, 'namespaced' | 'shortNames' | 'categories'>> & {
    log?: boolean;
    status?: boolean;
    scale?: boolean;
  } = {},
): ResourceInfo {
  // In upstream's (alphabetical) order.
  const subresources: SubresourceInfo[] = [];
  if (options.log === true) subresources.push({ name: 'log', group, version: 'v1', kind, verbs: logSubresourceVerbs });
  if (options.status === true)
    subresources.push({ name: 'status', group, version: 'v1', kind, verbs: subresourceVerbs });
  if (options.scale === true) {
    subresources.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: subresourceVerbs });
  }
  return {
    group,
    version: 'v1',
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    categories: options.categories ?? [],
    subresources,
  };
}

/** Served resources; real discovery lists them alphabetically within each group, and so do we. */
export const resources: readonly ResourceInfo[] = [
  resource('', 'Endpoints', 'endpoints', { shortNames: ['ep'] }),
  resource('', 'Event', 'events', { shortNames: ['ev'] }),
  resource('', 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'], status: true }),
  resource('', 'Node', 'nodes', { namespaced: false, shortNames: ['no'], status: true }),
  resource('', 'Pod', 'pods', { shortNames: ['po'], categories: ['all'], log: true, status: true }),
  resource('', 'Service', 'services', { shortNames: ['svc'], categories: ['all'], status: true }),
  resource('apps', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    status: true,
    scale: true,
  }),
  resource('apps', 'ReplicaSet', 'replicasets', { shortNames: ['rs'], categories: ['all'], status: true, scale: true }),
  resource('coordination.k8s.io', 'Lease', 'leases'),
  resource('discovery.k8s.io', 'EndpointSlice', 'endpointslices'),
];

/** `apps/v1`, or `v1` for the core group. */
export function groupVersion(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** The named groups in the order `/apis` lists them. */
export function namedGroups(): string[] {
  return [...new Set(resources.map((r) => r.group).filter((g) => g !== ''))];
}

/** The resource for a group and plural name, if served. */
export function findResource(group: string, plural: string): ResourceInfo | undefined {
  return resources.find((r) => r.group === group && r.plural === plural);
}
