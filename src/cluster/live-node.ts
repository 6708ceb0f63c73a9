/** Reading a running cluster node's kernel state: its live `iptables-save` and its own addresses. */
import { checkNamespaceName, type CommandRunner, listNamespaces, runChecked } from '../agent/netns/index.ts';
import type { ClusterPlan } from './plan.ts';

/** A node name that is not one of the cluster's running nodes. */
export class UnknownNodeError extends Error {
  override readonly name = 'UnknownNodeError';
}

/** The namespace of node `nodeName` of this cluster, checked to exist. */
export async function nodeNamespace(run: CommandRunner, plan: ClusterPlan, nodeName: string): Promise<string> {
  const match = new RegExp(`^${plan.name.replace(/-/g, '\\-')}-node-(\\d+)$`).exec(nodeName);
  const namespace = match === null ? undefined : `portico-${plan.name}-node-${match[1] ?? ''}`;
  const running = (await listNamespaces(run)).filter((ns) => /^portico-.*-node-\d+$/.test(ns));
  if (namespace === undefined || !running.includes(namespace)) {
    const known = running
      .filter((ns) => ns.startsWith(`portico-${plan.name}-node-`))
      .map((ns) => ns.slice('portico-'.length));
    throw new UnknownNodeError(
      `node "${nodeName}" is not running in cluster "${plan.name}"` +
        (known.length === 0 ? ': the cluster has no nodes (portico up)' : `; its nodes: ${known.join(', ')}`),
    );
  }
  return namespace;
}

/** `iptables-save` inside the node's namespace: exactly what the kernel holds there now, with counters. */
export function liveIptablesSave(run: CommandRunner, namespace: string, counters = false): Promise<string> {
  return runChecked(run, [
    'ip',
    'netns',
    'exec',
    checkNamespaceName(namespace),
    'iptables-save',
    ...(counters ? ['--counters'] : []),
  ]);
}

/** Every IPv4 address of the node's namespace (what `addrtype LOCAL` matches there). */
export async function nodeAddresses(run: CommandRunner, namespace: string): Promise<string[]> {
  const out = await runChecked(run, ['ip', '-n', checkNamespaceName(namespace), '-o', '-4', 'addr', 'show']);
  return [...out.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1] ?? '').filter((ip) => ip !== '');
}
