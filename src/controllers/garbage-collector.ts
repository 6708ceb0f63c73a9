/**
 * The garbage collector: deletes ReplicaSets, Pods and EndpointSlices whose owners (Deployments, ReplicaSets,
 * Services) are gone — background propagation. Before deleting it asks the API server for the owner, as upstream
 * does, so a watch that is merely behind never costs a live object. Watches owners and dependents; deletes dependents.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.d.ts';
import { objectKey } from '../client/informer.ts';
import { type ApiClient, type KubeObject, type Resource, isApiError, resourcePath } from './client.ts';
import { type Controller, type ControllerContext, type ResourceCache, splitKey } from './context.ts';
import { WorkQueue } from './queue.ts';
import { DEPLOYMENTS, REPLICASETS, SERVICES } from './resources.ts';
import { deleteObserved } from './writes.ts';

/** An owner kind the collector knows: where to ask for it, and the cache that usually answers first. */
interface OwnerKind {
  readonly resource: Resource;
  readonly cache: ResourceCache;
}

function ownerKinds(context: ControllerContext): Readonly<Record<string, OwnerKind>> {
  const { informers } = context;
  return {
    'apps/v1/Deployment': { resource: DEPLOYMENTS, cache: informers.deployments },
    'apps/v1/ReplicaSet': { resource: REPLICASETS, cache: informers.replicaSets },
    'v1/Service': { resource: SERVICES, cache: informers.services },
  };
}

function dependentCaches(context: ControllerContext): Readonly<Record<string, ResourceCache>> {
  const { informers } = context;
  return { replicasets: informers.replicaSets, pods: informers.pods, endpointslices: informers.endpointSlices };
}

const ownerRefs = (object: KubeObject): OwnerReference[] =>
  (object.metadata['ownerReferences'] ?? []) as OwnerReference[];

/** Whether the owner still exists with the uid the reference names (a namesake does not count). */
async function ownerExists(
  client: ApiClient,
  namespace: string,
  ref: OwnerReference,
  kind: OwnerKind,
): Promise<boolean> {
  if (kind.cache.get(namespace, ref.name)?.metadata.uid === ref.uid) return true;
  try {
    const owner = await client.request('GET', resourcePath(kind.resource, namespace, ref.name));
    return owner.metadata.uid === ref.uid;
  } catch (error) {
    if (isApiError(error, 404)) return false;
    throw error;
  }
}

/** Deletes the dependent named by `key` (`<plural>:<namespace>/<name>`) if none of its owners exists any more. */
async function collect(context: ControllerContext, key: string): Promise<void> {
  const [plural = '', rest = ''] = key.split(':', 2);
  const informer = dependentCaches(context)[plural];
  const { namespace, name } = splitKey(rest);
  const object = informer?.get(namespace, name);
  if (informer === undefined || object === undefined) return;
  const kinds = ownerKinds(context);
  const refs = ownerRefs(object);
  // Objects with an owner of a kind we do not serve are left alone, as are objects with no owners.
  if (refs.length === 0 || refs.some((ref) => kinds[`${ref.apiVersion}/${ref.kind}`] === undefined)) return;
  for (const ref of refs) {
    const kind = kinds[`${ref.apiVersion}/${ref.kind}`];
    if (kind !== undefined && (await ownerExists(context.client, namespace, ref, kind))) return;
  }
  await deleteObserved(context.client, informer, object);
}

/** Starts watching; `queue.start()` begins collecting. */
export function garbageCollector(context: ControllerContext): Controller {
  const queue = new WorkQueue(
    (key) => collect(context, key),
    (key, error) => {
      context.log(`garbagecollector: ${key}: ${String(error)}`);
    },
  );
  const dependents = Object.entries(dependentCaches(context));
  for (const [plural, informer] of dependents) {
    informer.onChange((_previous, current) => {
      if (current !== undefined && ownerRefs(current).length > 0) queue.add(`${plural}:${objectKey(current)}`);
    });
  }
  // An owner's deletion sends its dependents (still in the caches) back through the queue.
  for (const { cache } of Object.values(ownerKinds(context))) {
    cache.onChange((previous, current) => {
      if (current !== undefined || previous === undefined) return;
      for (const [plural, informer] of dependents) {
        for (const object of informer.list()) {
          if (ownerRefs(object).some((ref) => ref.uid === previous.metadata.uid))
            queue.add(`${plural}:${objectKey(object)}`);
        }
      }
    });
  }
  return { name: 'garbagecollector', queue };
}
