/**
 * Writes that wait until the writer's own informer has seen their result. A controller that acted on a stale cache
 * would create a second pod or slice for the same need; waiting for its own write to come back through the watch
 * (as upstream's "expectations" do) rules that out.
 */
import { type ApiClient, type KubeObject, isApiError } from './client.ts';
import type { ResourceCache } from './context.ts';

/** Whether a cached resourceVersion is at least `written` (Portico's versions are one global revision counter). */
function caughtUp(cached: string | undefined, written: string | undefined): boolean {
  if (cached === undefined || written === undefined) return cached !== undefined;
  const [a, b] = [Number(cached), Number(written)];
  return Number.isFinite(a) && Number.isFinite(b) ? a >= b : cached === written;
}

async function observe(informer: ResourceCache, written: KubeObject): Promise<KubeObject> {
  const namespace = written.metadata.namespace ?? '';
  await informer.waitUntil(() =>
    caughtUp(
      informer.get(namespace, written.metadata.name)?.metadata.resourceVersion,
      written.metadata.resourceVersion,
    ),
  );
  return written;
}

/** Creates `body` and waits until `informer` holds it. */
export async function createObserved(
  client: ApiClient,
  informer: ResourceCache,
  namespace: string | undefined,
  body: unknown,
): Promise<KubeObject> {
  return observe(informer, await client.create(informer.resource, namespace, body));
}

/** Updates `object` (main resource) and waits until `informer` holds the new version. */
export async function updateObserved(
  client: ApiClient,
  informer: ResourceCache,
  object: KubeObject,
): Promise<KubeObject> {
  return observe(informer, await client.update(informer.resource, object));
}

/** Updates `object`'s status and waits until `informer` holds the new version. */
export async function updateStatusObserved(
  client: ApiClient,
  informer: ResourceCache,
  object: KubeObject,
): Promise<KubeObject> {
  return observe(informer, await client.updateStatus(informer.resource, object));
}

/**
 * Deletes `object` (if it still has its uid) and waits until `informer` no longer holds it, or holds it terminating
 * (a Pod deleted gracefully stays until its node confirms; upstream's expectations count that as deleted).
 */
export async function deleteObserved(client: ApiClient, informer: ResourceCache, object: KubeObject): Promise<void> {
  const { namespace, name, uid } = object.metadata;
  try {
    await client.delete(informer.resource, namespace, name, uid);
  } catch (error) {
    // Already gone (or replaced by a namesake): nothing left to delete.
    if (!isApiError(error, 404) && !isApiError(error, 409)) throw error;
  }
  await informer.waitUntil(() => {
    const cached = informer.get(namespace ?? '', name);
    return cached === undefined || cached.metadata.uid !== uid || cached.metadata['deletionTimestamp'] !== undefined;
  });
}
