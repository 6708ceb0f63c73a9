/** Store keys for served objects: `/registry/<group|core>/<plural>/[<namespace>/]<name>`. */
import type { ResourceInfo } from '../resources.ts';

function resourcePrefix(info: Pick<ResourceInfo, 'group' | 'plural'>): string {
  return `/registry/${info.group === '' ? 'core' : info.group}/${info.plural}/`;
}

/** The key of one object; `namespace` is ignored for cluster-scoped resources. */
export function objectKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `${resourcePrefix(info)}${namespace}/${name}` : `${resourcePrefix(info)}${name}`;
}

/** The prefix of a collection: one namespace's objects, or (namespace `''`) every object of the resource. */
export function collectionPrefix(info: ResourceInfo, namespace: string): string {
  return info.namespaced && namespace !== '' ? `${resourcePrefix(info)}${namespace}/` : resourcePrefix(info);
}
