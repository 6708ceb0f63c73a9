/**
 * The ReplicaSet controller: keeps `spec.replicas` pods `<rs>-<5 chars>` alive for each ReplicaSet, and reports them
 * in its status. Watches ReplicaSets and Pods; writes Pods and ReplicaSet status.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { KubeObject } from './client.ts';
import { type Controller, type ControllerContext, splitKey } from './context.ts';
import { objectKey } from '../client/informer.ts';
import {
  as,
  controllerOf,
  controllerReference,
  isPodActive,
  isPodReady,
  labelSelectorMatches,
  sameJson,
} from './objects.ts';
import { WorkQueue } from './queue.ts';
import { createObserved, deleteObserved, updateStatusObserved } from './writes.ts';

/** The Pod a ReplicaSet's template describes: its labels and annotations, controlled by the ReplicaSet. */
export function podFromTemplate(rs: KubeObject): Record<string, unknown> {
  const template = as<ReplicaSet>(rs).spec?.template;
  const annotations = template?.metadata?.annotations;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...template?.metadata?.labels },
      ...(annotations === undefined ? {} : { annotations }),
      ownerReferences: [controllerReference(rs, 'apps/v1', 'ReplicaSet')],
    },
    spec: template?.spec,
  };
}

/** Upstream's order for scale-down victims: unscheduled, then pending, then not ready, then the newest. */
export function deletionOrder(a: Pod, b: Pod): number {
  const rank = (pod: Pod): number[] => [
    pod.spec?.nodeName === undefined ? 0 : 1,
    pod.status?.phase === 'Pending' ? 0 : pod.status?.phase === 'Running' ? 2 : 1,
    isPodReady(pod) ? 1 : 0,
  ];
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
  return (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '');
}

/** The status a ReplicaSet should report for its active pods (zero counts left out, as upstream's JSON does). */
export function replicaSetStatus(rs: KubeObject, active: readonly Pod[]): Record<string, unknown> {
  const spec = as<ReplicaSet>(rs).spec;
  const labelled = active.filter((pod) => sameLabels(spec?.template?.metadata?.labels, pod.metadata?.labels)).length;
  const ready = active.filter(isPodReady).length;
  const counts: Record<string, number> = {
    fullyLabeledReplicas: labelled,
    readyReplicas: ready,
    availableReplicas: ready,
  };
  const status: Record<string, unknown> = { replicas: active.length };
  for (const [field, count] of Object.entries(counts)) if (count > 0) status[field] = count;
  const generation = rs.metadata['generation'];
  if (typeof generation === 'number') status['observedGeneration'] = generation;
  return status;
}

function sameLabels(wanted: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** Starts watching for changes; `queue.start()` begins reconciling. */
export function replicaSetController(context: ControllerContext): Controller {
  const { client, informers } = context;

  const activePods = (rs: KubeObject): Pod[] =>
    informers.pods
      .list()
      .filter((pod) => pod.metadata.namespace === rs.metadata.namespace && controllerOf(pod)?.uid === rs.metadata.uid)
      .map((pod) => as<Pod>(pod))
      .filter(isPodActive);

  const manage = async (rs: KubeObject): Promise<void> => {
    const active = activePods(rs);
    const want = as<ReplicaSet>(rs).spec?.replicas ?? 1;
    for (let i = active.length; i < want; i++)
      await createObserved(client, informers.pods, rs.metadata.namespace, podFromTemplate(rs));
    const victims = [...active].sort(deletionOrder).slice(0, Math.max(active.length - want, 0));
    for (const pod of victims) await deleteObserved(client, informers.pods, pod as unknown as KubeObject);
  };

  const sync = async (key: string): Promise<void> => {
    const { namespace, name } = splitKey(key);
    const rs = informers.replicaSets.get(namespace, name);
    if (rs === undefined || rs.metadata['deletionTimestamp'] !== undefined) return;
    if (!labelSelectorMatches(as<ReplicaSet>(rs).spec?.selector, as<ReplicaSet>(rs).spec?.template?.metadata?.labels))
      return;
    await manage(rs);
    const status = replicaSetStatus(rs, activePods(rs));
    const current = informers.replicaSets.get(namespace, name) ?? rs;
    if (!sameJson(current['status'] ?? {}, status))
      await updateStatusObserved(client, informers.replicaSets, { ...current, status });
  };

  const queue = new WorkQueue(sync, (key, error) => {
    context.log(`replicaset: ${key}: ${String(error)}`);
  });
  informers.replicaSets.onChange((previous, current) => {
    const rs = current ?? previous;
    if (rs !== undefined) queue.add(objectKey(rs));
  });
  informers.pods.onChange((previous, current) => {
    for (const pod of [current, previous]) {
      const owner = pod === undefined ? undefined : controllerOf(pod);
      if (pod === undefined || owner?.kind !== 'ReplicaSet') continue;
      queue.add(`${pod.metadata.namespace ?? ''}/${owner.name}`);
    }
  });
  return { name: 'replicaset', queue };
}
