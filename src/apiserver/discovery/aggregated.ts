/** Aggregated discovery (`apidiscovery.k8s.io/v2`), what kubectl asks for first. */
import { type ResourceInfo, namedGroups, resourceVerbs, resources } from '../resources.ts';

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
      verbs: sub.verbs,
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

/** The aggregated discovery versions: v2, and v2beta1 for clients up to 1.29 (client-go 0.29 knows only that). */
export type AggregatedDiscoveryVersion = 'v2' | 'v2beta1';

/** The exact content type of each aggregated discovery version. */
export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/** `/api` (the core group only) or `/apis` (every named group) as an `APIGroupDiscoveryList`. */
export function aggregatedDiscovery(
  scope: 'api' | 'apis',
  version: AggregatedDiscoveryVersion = 'v2',
): Record<string, unknown> {
  const groups = scope === 'api' ? [''] : namedGroups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map(groupDiscovery),
  };
}

/** Whether the Accept header asks for aggregated discovery. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('as=APIGroupDiscoveryList');
}

/** The aggregated discovery version the Accept header asks for (v2 when it lists both), if any. */
export function aggregatedDiscoveryVersion(accept: string | undefined): AggregatedDiscoveryVersion | undefined {
  const entries = (accept ?? '').split(',').map((entry) => entry.replace(/\s+/g, ''));
  const asks = (version: string): boolean =>
    entries.some((e) => e.includes('as=APIGroupDiscoveryList') && e.split(';').includes(`v=${version}`));
  if (asks('v2')) return 'v2';
  return asks('v2beta1') ? 'v2beta1' : undefined;
}
