/**
 * Node IPAM: gives each Node without one a pod CIDR (`spec.podCIDR` and `spec.podCIDRs`) carved from the cluster
 * CIDR (`--cluster-cidr`, default 10.244.0.0/16, a /24 each), never one another node holds. Watches Nodes; writes
 * Node specs.
 */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { type CIDR, formatCIDR, parseCIDR } from '../net/cidr.ts';
import { type Controller, type ControllerContext, splitKey } from './context.ts';
import { objectKey } from '../client/informer.ts';
import { as } from './objects.ts';
import { WorkQueue } from './queue.ts';
import { updateObserved } from './writes.ts';

/** kube-controller-manager's usual `--cluster-cidr` for this layout. */
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
/** `--node-cidr-mask-size` for IPv4. */
export const DEFAULT_NODE_MASK_SIZE = 24;

/** The `index`th subnet of size `/mask` inside `cluster`, as text. */
function subnet(cluster: CIDR, mask: number, index: number): string {
  const network = cluster.network + (BigInt(index) << BigInt(32 - mask));
  return formatCIDR({ family: 'IPv4', network, prefix: mask });
}

/** The first /`mask` of `clusterCIDR` not in `used`; undefined when the range is full. */
export function nextPodCIDR(clusterCIDR: string, mask: number, used: ReadonlySet<string>): string | undefined {
  const cluster = parseCIDR(clusterCIDR);
  if (cluster?.family !== 'IPv4' || mask < cluster.prefix || mask > 32)
    throw new Error(`bad cluster CIDR ${clusterCIDR}/${mask}`);
  const count = 2 ** (mask - cluster.prefix);
  for (let i = 0; i < count; i++) {
    const candidate = subnet(cluster, mask, i);
    if (!used.has(candidate)) return candidate;
  }
  return undefined;
}

/** Starts watching Nodes; `queue.start()` begins allocating. */
export function nodeIpamController(context: ControllerContext, clusterCIDR = DEFAULT_CLUSTER_CIDR): Controller {
  const { client, informers } = context;
  nextPodCIDR(clusterCIDR, DEFAULT_NODE_MASK_SIZE, new Set()); // fail at start on a bad flag, not on the first node

  const sync = async (key: string): Promise<void> => {
    const node = informers.nodes.get('', splitKey(key).name);
    if (node === undefined || (as<Node>(node).spec?.podCIDR ?? '') !== '') return;
    const used = new Set(informers.nodes.list().flatMap((n) => as<Node>(n).spec?.podCIDRs ?? []));
    const podCIDR = nextPodCIDR(clusterCIDR, DEFAULT_NODE_MASK_SIZE, used);
    if (podCIDR === undefined) throw new Error(`no pod CIDR left in ${clusterCIDR} for node ${node.metadata.name}`);
    const spec = { ...(node['spec'] as Record<string, unknown>), podCIDR, podCIDRs: [podCIDR] };
    await updateObserved(client, informers.nodes, { ...node, spec });
  };

  const queue = new WorkQueue(sync, (key, error) => {
    context.log(`nodeipam: ${key}: ${String(error)}`);
  });
  informers.nodes.onChange((_previous, current) => {
    if (current !== undefined) queue.add(objectKey(current));
  });
  return { name: 'nodeipam', queue };
}
