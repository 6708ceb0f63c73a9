/**
 * Node lifecycle: a Node whose heartbeat (its Lease in `kube-node-lease`, else its Ready condition's
 * `lastHeartbeatTime`) is older than `--node-monitor-grace-period` has its kubelet-reported conditions set to
 * `Unknown`, and the pods on it lose their Ready condition, so endpoints stop sending traffic there. A Node that never
 * had a heartbeat is left alone. Watches Nodes, Leases and Pods, re-reads the clock every monitor period; writes Node
 * and Pod status.
 */
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import type { Node, NodeCondition, Pod, PodCondition } from 'kubernetes-types/core/v1.d.ts';
import type { KubeObject } from './client.ts';
import { type Controller, type ControllerContext, splitKey, timestamp } from './context.ts';
import { objectKey } from '../client/informer.ts';
import { as } from './objects.ts';
import { WorkQueue } from './queue.ts';
import { updateStatusObserved } from './writes.ts';

/** kube-controller-manager's `--node-monitor-grace-period` default. */
export const DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS = 40;
/** Where node agents renew their heartbeat Leases (one per node, named after it). */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

// The conditions a kubelet reports, which upstream turns Unknown when it stops reporting.
const kubeletConditions = new Set(['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']);

/** The node's last heartbeat in ms since the epoch: the Lease's `renewTime`, else Ready's `lastHeartbeatTime`. */
export function lastHeartbeat(node: Node, lease: Lease | undefined): number | undefined {
  const renewed = lease?.spec?.renewTime;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
  const time = renewed ?? ready;
  const parsed = time === undefined ? NaN : Date.parse(time);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The node's conditions with the kubelet-reported ones `Unknown`, as upstream writes them. */
export function unknownConditions(conditions: readonly NodeCondition[], now: string): NodeCondition[] {
  return conditions.map((condition) =>
    kubeletConditions.has(condition.type) && condition.status !== 'Unknown'
      ? {
          ...condition,
          status: 'Unknown',
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
          lastTransitionTime: now,
        }
      : condition,
  );
}

function readyStatus(node: KubeObject): string | undefined {
  return as<Node>(node).status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

function podReady(pod: KubeObject): boolean {
  return as<Pod>(pod).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Starts watching; `queue.start()` begins monitoring; `gracePeriodSeconds` is `--node-monitor-grace-period`. */
export function nodeLifecycleController(
  context: ControllerContext,
  gracePeriodSeconds = DEFAULT_NODE_MONITOR_GRACE_PERIOD_SECONDS,
): Controller {
  const { client, informers, clock } = context;

  const markUnknown = async (node: KubeObject): Promise<KubeObject> => {
    const conditions = unknownConditions(as<Node>(node).status?.conditions ?? [], timestamp(clock));
    const status = { ...(node['status'] as Record<string, unknown>), conditions };
    return updateStatusObserved(client, informers.nodes, { ...node, status });
  };

  // Upstream's MarkPodsNotReady: the Ready condition turns False; everything else stays as the kubelet left it.
  const markPodsNotReady = async (nodeName: string): Promise<void> => {
    for (const pod of informers.pods.list()) {
      if (as<Pod>(pod).spec?.nodeName !== nodeName || !podReady(pod)) continue;
      const now = timestamp(clock);
      const conditions = (as<Pod>(pod).status?.conditions ?? []).map((c): PodCondition =>
        c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c,
      );
      const status = { ...(pod['status'] as Record<string, unknown>), conditions };
      await updateStatusObserved(client, informers.pods, { ...pod, status });
    }
  };

  const sync = async (key: string): Promise<void> => {
    let node = informers.nodes.get('', splitKey(key).name);
    if (node === undefined) return;
    const name = node.metadata.name;
    const lease = informers.leases.get(NODE_LEASE_NAMESPACE, name);
    const heartbeat = lastHeartbeat(as<Node>(node), lease === undefined ? undefined : as<Lease>(lease));
    if (heartbeat === undefined) return;
    const stale = clock.now().getTime() - heartbeat > gracePeriodSeconds * 1000;
    if (stale && readyStatus(node) !== 'Unknown') node = await markUnknown(node);
    // Only a node this controller lost contact with: a kubelet reporting NotReady manages its own pods.
    if (readyStatus(node) === 'Unknown' && stale) await markPodsNotReady(name);
  };

  const queue = new WorkQueue(sync, (key, error) => {
    context.log(`nodelifecycle: ${key}: ${String(error)}`);
  });
  informers.nodes.onChange((_previous, current) => {
    if (current !== undefined) queue.add(objectKey(current));
  });
  informers.leases.onChange((previous, current) => {
    const lease = current ?? previous;
    if (lease?.metadata.namespace === NODE_LEASE_NAMESPACE) queue.add(lease.metadata.name);
  });
  // A pod that turns ready on an unreachable node must be marked again.
  informers.pods.onChange((_previous, current) => {
    const nodeName = current === undefined ? undefined : as<Pod>(current).spec?.nodeName;
    if (nodeName !== undefined && nodeName !== '') queue.add(nodeName);
  });
  const resync = (): void => {
    for (const node of informers.nodes.list()) queue.add(objectKey(node));
  };
  return { name: 'nodelifecycle', queue, resync };
}
