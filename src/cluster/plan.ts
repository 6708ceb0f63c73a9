/**
 * The shape of a local cluster, computed from its options alone: every namespace, link, address and route it
 * will have, by name. `up` builds exactly this and `down` removes exactly this, so neither needs saved state to
 * know what is the cluster's.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cidrContains, cidrSize, type CIDR, formatCIDR, formatIP, parseCIDR } from '../net/index.ts';

/** What the user chooses; everything else follows. */
export interface ClusterOptions {
  readonly name: string;
  readonly nodes: number;
  /** Parent of the per-cluster folders (`~/.portico`). */
  readonly stateDir: string;
  readonly nodeNetwork: string;
  readonly podCIDR: string;
  readonly serviceCIDR: string;
  readonly apiServerPort: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  name: 'portico',
  nodes: 2,
  stateDir: join(homedir(), '.portico'),
  nodeNetwork: '192.168.77.0/24',
  podCIDR: '10.244.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  apiServerPort: 6443,
};

/** One node: its Node name, network namespace, address on the node network, and its two links. */
export interface NodePlan {
  readonly index: number;
  readonly name: string;
  readonly namespace: string;
  readonly ip: string;
  /** The node's uplink inside its namespace, on the node network. */
  readonly uplink: string;
  /** The uplink's peer, a port of the fabric bridge inside the fabric namespace. */
  readonly fabricPort: string;
}

/** The whole cluster. */
export interface ClusterPlan {
  readonly options: ClusterOptions;
  readonly name: string;
  /** `<stateDir>/<name>`: logs, the API server's data and the kubeconfig. */
  readonly dir: string;
  readonly fabricNamespace: string;
  readonly fabricBridge: string;
  /** The host's end of its veth into the fabric: the only link `up` makes outside its own namespaces. */
  readonly hostLink: string;
  /** The host link's peer in the fabric namespace. */
  readonly hostPeer: string;
  readonly hostIP: string;
  readonly nodePrefix: number;
  readonly nodes: readonly NodePlan[];
  /** Every pod namespace of this cluster matches this (see `podNamespacePrefix`). */
  readonly podNamespacePattern: RegExp;
  readonly apiServerURL: string;
  readonly kubeconfigPath: string;
  /** The node pod bridge, one per node namespace. */
  readonly podBridge: string;
}

/** Why a cluster's options cannot be built. */
export class ClusterPlanError extends Error {
  override readonly name = 'ClusterPlanError';
}

/** Node names and namespaces embed the cluster name, so it is a short DNS label. */
const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/;
/** Node N's address is the node network's host number NODE_HOST_OFFSET + N; the host takes number 1. */
const NODE_HOST_OFFSET = 10;
export const MAX_NODES = 50;

/** The per-cluster folder under the state directory. */
export function clusterDir(stateDir: string, name: string): string {
  return join(stateDir, name);
}

/** The pod namespace prefix a node's agent uses, so `down` can find a crashed agent's pods by name. */
export function podNamespacePrefix(node: Pick<NodePlan, 'namespace'>): string {
  return `${node.namespace}-`;
}

function ipv4(text: string, flag: string): CIDR {
  const cidr = parseCIDR(text);
  if (cidr?.family !== 'IPv4') throw new ClusterPlanError(`${flag} must be an IPv4 CIDR, not ${JSON.stringify(text)}`);
  return cidr;
}

function overlaps(a: CIDR, b: CIDR): boolean {
  return cidrContains(a, { family: 'IPv4', value: b.network }) || cidrContains(b, { family: 'IPv4', value: a.network });
}

/** Checks the options and derives every name and address. */
export function planCluster(options: ClusterOptions): ClusterPlan {
  const { name } = options;
  if (!CLUSTER_NAME.test(name)) {
    throw new ClusterPlanError(
      `cluster name ${JSON.stringify(name)} must be 1-20 lowercase letters, digits or '-', starting and ending ` +
        'with a letter or digit',
    );
  }
  if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > MAX_NODES) {
    throw new ClusterPlanError(`--nodes must be between 1 and ${MAX_NODES}`);
  }
  const nodeNet = ipv4(options.nodeNetwork, '--node-network');
  const podNet = ipv4(options.podCIDR, '--pod-cidr');
  const serviceNet = ipv4(options.serviceCIDR, '--service-cidr');
  if (cidrSize(nodeNet) < BigInt(NODE_HOST_OFFSET + options.nodes + 2)) {
    throw new ClusterPlanError(`--node-network ${options.nodeNetwork} is too small for ${options.nodes} nodes`);
  }
  if (podNet.prefix > 24) throw new ClusterPlanError('--pod-cidr must be /24 or larger: each node takes a /24');
  const ranges: [string, CIDR][] = [
    ['--node-network', nodeNet],
    ['--pod-cidr', podNet],
    ['--service-cidr', serviceNet],
  ];
  for (const [i, [flagA, a]] of ranges.entries()) {
    for (const [flagB, b] of ranges.slice(i + 1)) {
      if (overlaps(a, b)) throw new ClusterPlanError(`${flagA} ${formatCIDR(a)} overlaps ${flagB} ${formatCIDR(b)}`);
    }
  }
  const host = (n: number): string => formatIP({ family: 'IPv4', value: nodeNet.network + BigInt(n) });
  const hostIP = host(1);
  const dir = clusterDir(options.stateDir, name);
  const nodes = Array.from({ length: options.nodes }, (_, i): NodePlan => {
    const index = i + 1;
    return {
      index,
      name: `${name}-node-${index}`,
      namespace: `portico-${name}-node-${index}`,
      ip: host(NODE_HOST_OFFSET + index),
      uplink: 'portico-eth0',
      fabricPort: `portico-node${index}`,
    };
  });
  const escaped = name.replace(/-/g, '\\-');
  return {
    options,
    name,
    dir,
    fabricNamespace: `portico-${name}-fabric`,
    fabricBridge: 'portico-fabric',
    // Host interface names are machine-wide and 15 characters at most: a hash of the name keeps them apart.
    hostLink: `portico-c${createHash('sha256').update(name).digest('hex').slice(0, 6)}`,
    hostPeer: 'portico-host',
    hostIP,
    nodePrefix: nodeNet.prefix,
    nodes,
    podNamespacePattern: new RegExp(`^portico-${escaped}-node-\\d+-[0-9a-f]{12}$`),
    apiServerURL: `https://${hostIP}:${options.apiServerPort}`,
    kubeconfigPath: join(dir, 'kubeconfig'),
    podBridge: 'portico-br0',
  };
}

/** True when `namespace` is one this cluster creates: its fabric, a node (any index), or a pod of a node. */
export function isClusterNamespace(plan: ClusterPlan, namespace: string): boolean {
  const escaped = plan.name.replace(/-/g, '\\-');
  return (
    namespace === plan.fabricNamespace ||
    new RegExp(`^portico-${escaped}-node-\\d+$`).test(namespace) ||
    plan.podNamespacePattern.test(namespace)
  );
}
