/** Aggregated discovery (`apidiscovery.k8s.io/v2`), what kubectl asks for first. */
import { type ResourceInfo, namedGroups, resourceVerbs, resources, subresourceVerbs } from '../resources.ts';

/** The exact content type client-go looks for; anything else is read as legacy discovery. */
export const aggregatedDiscoveryContentType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function discoveryResource(info: ResourceInfo): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    resource: info.plural,
    responseKind: { group: info.group, version: info.version, kind: info.kind },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: resourceVerbs,
  };
  if (info.shortNames.length > 0) entry['shortNames'] = info.shortNames;
  if (info.categories.length > 0) entry['categories'] = info.categories;
  if (info.subresources.length > 0) {
    entry['subresources'] = info.subresources.map((sub) => ({
      subresource: sub.name,
      responseKind: { group: sub.group, version: sub.version, kind: sub.kind },
      verbs: subresourceVerbs,
    }));
  }
  return entry;
}

function groupDiscovery(group: string): Record<string, unknown> {
  const served = resources.filter((r) => r.group === group);
  return {
    metadata: { name: group },
    versions: [{ version: 'v1', freshness: 'Current', resources: served.map(discoveryResource) }],
  };
}

/** `/api` (the core group only) or `/apis` (every named group) as an `APIGroupDiscoveryList`. */
export function aggregatedDiscovery(scope: 'api' | 'apis'): Record<string, unknown> {
  const groups = scope === 'api' ? [''] : namedGroups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map(groupDiscovery),
  };
}

/** Whether the Accept header asks for aggregated discovery. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('as=APIGroupDiscoveryList');
}
