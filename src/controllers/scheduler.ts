/**
 * The scheduler: binds each pending pod (no `spec.nodeName`, `schedulerName: default-scheduler`) to a node that
 * fits it, spreading one owner's replicas. A pod that fits nowhere gets `PodScheduled=False` (`Unschedulable`) and
 * a `FailedScheduling` Event, and is tried again when nodes change. Watches Pods and Nodes; writes the pod's
 * `spec.nodeName`, its PodScheduled condition, and Events.
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.d.ts';
import type { KubeObject } from './client.ts';
import { type Controller, type ControllerContext, splitKey, timestamp } from './context.ts';
import { objectKey } from '../client/informer.ts';
import { as } from './objects.ts';
import { WorkQueue } from './queue.ts';
import { recordEvent } from './events.ts';
import { filterNode, pickNode, unschedulableMessage } from './scheduling.ts';
import { updateObserved, updateStatusObserved } from './writes.ts';

/** The scheduler's name, as pods ask for it and Events report it. */
export const SCHEDULER_NAME = 'default-scheduler';

function isPending(pod: KubeObject): boolean {
  const p = as<Pod>(pod);
  return (
    (p.spec?.nodeName ?? '') === '' &&
    (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
    p.metadata?.deletionTimestamp === undefined &&
    p.status?.phase !== 'Succeeded' &&
    p.status?.phase !== 'Failed'
  );
}

/** Replaces the pod's PodScheduled condition (a `status` write). */
async function setScheduledCondition(
  context: ControllerContext,
  pod: KubeObject,
  condition: Record<string, unknown>,
): Promise<KubeObject> {
  const status = (pod['status'] ?? {}) as { conditions?: PodCondition[] };
  const others = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  const conditions = [...others, { type: 'PodScheduled', lastProbeTime: null, ...condition }];
  return updateStatusObserved(context.client, context.informers.pods, { ...pod, status: { ...status, conditions } });
}

/** PodScheduled=False with the reason, and a FailedScheduling Event — once per distinct message. */
async function markUnschedulable(context: ControllerContext, pod: KubeObject, message: string): Promise<void> {
  const old = (as<Pod>(pod).status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
  if (old?.status === 'False' && old.message === message) return; // already said; no Event storm on retries
  const lastTransitionTime = timestamp(context.clock);
  await setScheduledCondition(context, pod, { status: 'False', reason: 'Unschedulable', message, lastTransitionTime });
  await recordEvent(context, pod, SCHEDULER_NAME, { type: 'Warning', reason: 'FailedScheduling', message });
}

/** Sets `spec.nodeName` (the binding), then PodScheduled=True and a Scheduled Event. */
async function bind(context: ControllerContext, pod: KubeObject, nodeName: string): Promise<void> {
  const spec = { ...(pod['spec'] as Record<string, unknown>), nodeName };
  const bound = await updateObserved(context.client, context.informers.pods, { ...pod, spec });
  await setScheduledCondition(context, bound, { status: 'True', lastTransitionTime: timestamp(context.clock) });
  const message = `Successfully assigned ${objectKey(pod)} to ${nodeName}`;
  await recordEvent(context, pod, SCHEDULER_NAME, { type: 'Normal', reason: 'Scheduled', message });
}

/** Schedules one pod if it is still pending. */
async function schedule(context: ControllerContext, key: string): Promise<void> {
  const { informers } = context;
  const { namespace, name } = splitKey(key);
  const pod = informers.pods.get(namespace, name);
  if (pod === undefined || !isPending(pod)) return;
  const nodes = informers.nodes.list().map((node) => as<Node>(node));
  const verdicts = nodes.map((node) => ({ node, result: filterNode(as<Pod>(pod), node) }));
  const fitting = verdicts.filter((v) => v.result.fits).map((v) => v.node);
  const bound = informers.pods
    .list()
    .map((p) => as<Pod>(p))
    .filter((p) => (p.spec?.nodeName ?? '') !== '');
  const node = pickNode(as<Pod>(pod), fitting, bound);
  if (node?.metadata?.name === undefined) {
    const reasons = verdicts.flatMap((v) => (v.result.fits ? [] : [v.result.reason]));
    await markUnschedulable(context, pod, unschedulableMessage(nodes.length, reasons));
    return;
  }
  await bind(context, pod, node.metadata.name);
}

/** Starts watching for changes; `queue.start()` begins scheduling. */
export function schedulerController(context: ControllerContext): Controller {
  const { informers } = context;
  const queue = new WorkQueue(
    (key) => schedule(context, key),
    (key, error) => {
      context.log(`scheduler: ${key}: ${String(error)}`);
    },
  );
  informers.pods.onChange((_previous, current) => {
    if (current !== undefined && isPending(current)) queue.add(objectKey(current));
  });
  // A node that appears, heals or is uncordoned may fit pods that fit nowhere before.
  informers.nodes.onChange(() => {
    for (const pod of informers.pods.list()) if (isPending(pod)) queue.add(objectKey(pod));
  });
  return { name: 'scheduler', queue };
}
