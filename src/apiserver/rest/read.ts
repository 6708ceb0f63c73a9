/** Reading served objects: one by name, or a collection with the revision it was read at. */
import { notFound } from '../../api/status.ts';
import type { Stored } from '../../store/types.ts';
import { type ResourceInfo, findResource } from '../resources.ts';
import type { RegistryContext } from './context.ts';
import { collectionPrefix, objectKey } from './keys.ts';
import { type Result, fail, ok } from './result.ts';

/** `{resource, group}` as Status constructors want it. */
export function groupResource(info: ResourceInfo): { resource: string; group: string } {
  return { resource: info.plural, group: info.group };
}

/** The stored object, or 404 `services "x" not found`. */
export async function getObject(
  context: RegistryContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
): Promise<Result<Stored>> {
  const stored = await context.store.get(objectKey(info, namespace, name));
  return stored === undefined ? fail(notFound(groupResource(info), name)) : ok(stored);
}

/** Every object of a collection (`namespace` `''`: all namespaces) and the store revision of the read. */
export async function listObjects(
  context: RegistryContext,
  info: ResourceInfo,
  namespace: string,
): Promise<{ items: Stored[]; revision: number }> {
  const result = await context.store.list(collectionPrefix(info, namespace));
  // A namespace named like another's prefix must not leak in: the prefix ends with '/', so it cannot.
  return { items: result.items, revision: result.revision };
}

const namespaces = findResource('', 'namespaces');

/** Nothing, or 404 `namespaces "foo" not found` when a namespaced request names a missing namespace. */
export async function requireNamespace(
  context: RegistryContext,
  info: ResourceInfo,
  namespace: string,
): Promise<Result<undefined>> {
  if (!info.namespaced || namespaces === undefined) return ok(undefined);
  const stored = await context.store.get(objectKey(namespaces, '', namespace));
  return stored === undefined ? fail(notFound({ resource: 'namespaces' }, namespace)) : ok(undefined);
}
