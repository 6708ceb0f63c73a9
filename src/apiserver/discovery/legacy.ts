/** Legacy discovery (`APIVersions`, `APIGroupList`, `APIResourceList`), for clients that do not aggregate. */
import { type ResourceInfo, groupVersion, namedGroups, resourceVerbs, resources } from '../resources.ts';

/** `/api`: the core group's versions and where to reach the server. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `/apis`: every named group with its one version. */
export function apiGroupList(): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: namedGroups().map((name) => {
      const version = { groupVersion: `${name}/v1`, version: 'v1' };
      return { name, versions: [version], preferredVersion: version };
    }),
  };
}

function resourceEntries(info: ResourceInfo): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: info.plural,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: resourceVerbs,
  };
  if (info.shortNames.length > 0) main['shortNames'] = info.shortNames;
  if (info.categories.length > 0) main['categories'] = info.categories;
  const subs = info.subresources.map((sub) => ({
    name: `${info.plural}/${sub.name}`,
    singularName: '',
    namespaced: info.namespaced,
    ...(sub.group === info.group ? {} : { group: sub.group, version: sub.version }),
    kind: sub.kind,
    verbs: sub.verbs,
  }));
  return [main, ...subs];
}

/** `/api/v1` or `/apis/<group>/v1`: the resources of one group version; undefined if the group is not served. */
export function apiResourceList(group: string): Record<string, unknown> | undefined {
  const served = resources.filter((r) => r.group === group);
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version: 'v1' }),
    resources: served.flatMap(resourceEntries),
  };
}
