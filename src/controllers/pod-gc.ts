/**
 * Pod garbage collection of terminating pods: a Pod whose `deletionTimestamp` has passed without its node agent
 * confirming the stop (a DELETE with `gracePeriodSeconds: 0`) is removed with that DELETE. Watches Pods, re-reads the
 * clock every monitor period; deletes Pods.
 */
import { isApiError } from './client.ts';
import { type Controller, type ControllerContext, splitKey } from './context.ts';
import { objectKey } from '../client/informer.ts';
import { WorkQueue } from './queue.ts';

function deadline(pod: { metadata: Record<string, unknown> }): number | undefined {
  const since = pod.metadata['deletionTimestamp'];
  return typeof since === 'string' ? Date.parse(since) : undefined;
}

/** Starts watching Pods; `queue.start()` begins collecting. */
export function podGcController(context: ControllerContext): Controller {
  const { client, informers, clock } = context;
  const pods = informers.pods;

  const sync = async (key: string): Promise<void> => {
    const { namespace, name } = splitKey(key);
    const pod = pods.get(namespace, name);
    const due = pod === undefined ? undefined : deadline(pod);
    if (pod === undefined || due === undefined || due > clock.now().getTime()) return;
    const { uid } = pod.metadata;
    try {
      await client.delete(pods.resource, namespace, name, uid, 0);
    } catch (error) {
      // Gone already, or replaced by a namesake: nothing to collect.
      if (!isApiError(error, 404) && !isApiError(error, 409)) throw error;
    }
    await pods.waitUntil(() => pods.get(namespace, name)?.metadata.uid !== uid);
  };

  const queue = new WorkQueue(sync, (key, error) => {
    context.log(`podgc: ${key}: ${String(error)}`);
  });
  pods.onChange((_previous, current) => {
    if (current !== undefined && deadline(current) !== undefined) queue.add(objectKey(current));
  });
  const resync = (): void => {
    for (const pod of pods.list()) if (deadline(pod) !== undefined) queue.add(objectKey(pod));
  };
  return { name: 'podgc', queue, resync };
}
