/** Reading a running cluster node's kernel state: its live `iptables-save` and its own addresses. */
import { checkNamespaceName, type CommandRunner, listNamespaces, runChecked } from '../agent/netns/index.ts';

/** A node name that is not one of the cluster's running nodes. */
export class UnknownNodeError extends Error {
  override readonly name = 'UnknownNodeError';
}

/** A node of a running local cluster, found by its namespace. */
export interface RunningNode {
  readonly cluster: string;
  readonly node: string;
  readonly namespace: string;
}

/** Node namespaces are `portico-<cluster>-node-<n>` and their nodes `<cluster>-node-<n>` (see `planCluster`). */
const NODE_NAMESPACE = /^portico-([a-z0-9][a-z0-9-]*)-node-(\d+)$/;

/** Every node of every local cluster whose namespace exists now. */
export async function runningNodes(run: CommandRunner): Promise<RunningNode[]> {
  const nodes: RunningNode[] = [];
  for (const namespace of await listNamespaces(run)) {
    const match = NODE_NAMESPACE.exec(namespace);
    if (match === null) continue;
    const [, cluster = '', index = ''] = match;
    nodes.push({ cluster, node: `${cluster}-node-${index}`, namespace });
  }
  return nodes.sort((a, b) => a.node.localeCompare(b.node, undefined, { numeric: true }));
}

/**
 * The running node named `nodeName`, in whichever local cluster it is: the node name carries its cluster's name,
 * and the node namespaces that exist say which clusters run. With `clusterName` (an explicit `--name`), only that
 * cluster is searched, and an error says where the node is if it is elsewhere.
 */
export async function findRunningNode(
  run: CommandRunner,
  nodeName: string,
  clusterName?: string,
): Promise<RunningNode> {
  const running = await runningNodes(run);
  // Namespace and node names map one to one, so at most one node has this name.
  const found = running.find((node) => node.node === nodeName);
  if (found !== undefined && (clusterName === undefined || found.cluster === clusterName)) return found;
  throw new UnknownNodeError(unknownNodeMessage(nodeName, clusterName, running));
}

function unknownNodeMessage(nodeName: string, clusterName: string | undefined, running: RunningNode[]): string {
  const elsewhere = running.find((node) => node.node === nodeName);
  if (clusterName !== undefined && elsewhere !== undefined) {
    return `node "${nodeName}" is not in cluster "${clusterName}": it is in cluster "${elsewhere.cluster}" (--name ${elsewhere.cluster})`;
  }
  const where = clusterName === undefined ? 'any local cluster' : `cluster "${clusterName}"`;
  const candidates = clusterName === undefined ? running : running.filter((node) => node.cluster === clusterName);
  if (candidates.length === 0) {
    return `node "${nodeName}" is not running in ${where}: ${clusterName === undefined ? 'no local cluster runs' : 'the cluster has no nodes'} (portico up)`;
  }
  const list = candidates.map((node) =>
    clusterName === undefined ? `${node.node} (cluster ${node.cluster})` : node.node,
  );
  return `node "${nodeName}" is not running in ${where}; ${clusterName === undefined ? 'running nodes' : 'its nodes'}: ${list.join(', ')}`;
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
