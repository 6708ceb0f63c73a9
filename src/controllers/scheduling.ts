/**
 * Where a pod may run and where it should, as pure functions: the filters (cordon, readiness as the `not-ready`
 * taint, nodeSelector, NoSchedule/NoExecute taints against tolerations), upstream's "0/N nodes are available"
 * message, and a spreading score (fewest pods of the same owner, then fewest pods).
 */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.d.ts';

/** The taint the node lifecycle controller puts on a node that is not Ready; here it is implied by the condition. */
export const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

/** Why a node was filtered out, in upstream's words (the message counts nodes per reason). */
export type FilterResult = { readonly fits: true } | { readonly fits: false; readonly reason: string };

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== '' && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists')
    return toleration.key === undefined || toleration.key === '' || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}

function isNodeReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Whether `pod` may run on `node`, and if not, why. */
export function filterNode(pod: Pod, node: Node): FilterResult {
  if (node.spec?.unschedulable === true) return { fits: false, reason: 'node(s) were unschedulable' };
  const taints = [...(node.spec?.taints ?? []), ...(isNodeReady(node) ? [] : [NOT_READY_TAINT])];
  const tolerations = pod.spec?.tolerations ?? [];
  const untolerated = taints.find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerations.some((t) => tolerates(t, taint)),
  );
  if (untolerated !== undefined)
    return { fits: false, reason: `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}` };
  const labels = node.metadata?.labels ?? {};
  const selector = pod.spec?.nodeSelector ?? {};
  if (!Object.entries(selector).every(([key, value]) => labels[key] === value))
    return { fits: false, reason: "node(s) didn't match Pod's node affinity/selector" };
  return { fits: true };
}

/** Upstream's FailedScheduling message: `0/N nodes are available: <count> <reason>, ...` sorted by reason. */
export function unschedulableMessage(total: number, reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, count]) => `${count} ${reason}`).sort();
  const head =
    parts.length === 0 ? `0/${total} nodes are available` : `0/${total} nodes are available: ${parts.join(', ')}`;
  return `${head}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

/** The node to bind to: fewest pods of the same controller, then fewest pods, then by name; undefined if none fits. */
export function pickNode(pod: Pod, candidates: readonly Node[], bound: readonly Pod[]): Node | undefined {
  const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller === true)?.uid;
  const load = (node: Node): [number, number] => {
    const here = bound.filter((p) => p.spec?.nodeName === node.metadata?.name);
    const siblings =
      owner === undefined ? 0 : here.filter((p) => p.metadata?.ownerReferences?.some((r) => r.uid === owner)).length;
    return [siblings, here.length];
  };
  const scored = candidates.map((node) => ({ node, load: load(node) }));
  scored.sort(
    (a, b) =>
      a.load[0] - b.load[0] ||
      a.load[1] - b.load[1] ||
      (a.node.metadata?.name ?? '').localeCompare(b.node.metadata?.name ?? ''),
  );
  return scored[0]?.node;
}
