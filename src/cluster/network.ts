/**
 * The cluster's network namespaces: a fabric namespace whose bridge is the node network, one namespace per node
 * with an uplink on that bridge and a pod bridge, and the static routes that carry pod CIDRs between nodes.
 */
import {
  addAddress,
  addBridge,
  addNamespace,
  addRoute,
  addVethPair,
  checkInterfaceName,
  checkNamespaceName,
  type CommandRunner,
  runChecked,
  setLinkUp,
  setMaster,
  setupNodeBridge,
} from '../agent/netns/index.ts';
import { cidrGateway, cidrPrefix } from '../agent/node/index.ts';
import type { ClusterPlan, NodePlan } from './plan.ts';

/** Sets one sysctl inside `namespace` only (the `net.*` sysctls are per network namespace). */
async function setSysctl(run: CommandRunner, namespace: string, key: string, value: string): Promise<void> {
  await runChecked(run, [
    'ip',
    'netns',
    'exec',
    checkNamespaceName(namespace),
    'sysctl',
    '-q',
    '-w',
    `${key}=${value}`,
  ]);
}

/** The fabric namespace and its bridge: the wire every node plugs into. */
export async function setupFabric(run: CommandRunner, plan: ClusterPlan): Promise<void> {
  await addNamespace(run, plan.fabricNamespace);
  await setLinkUp(run, plan.fabricNamespace, 'lo');
  await addBridge(run, plan.fabricNamespace, plan.fabricBridge);
  await setLinkUp(run, plan.fabricNamespace, plan.fabricBridge);
}

/** Attaches a link in the fabric namespace to its bridge and brings it up. */
export async function plugIntoFabric(run: CommandRunner, plan: ClusterPlan, link: string): Promise<void> {
  await setMaster(run, plan.fabricNamespace, link, plan.fabricBridge);
  await setLinkUp(run, plan.fabricNamespace, link);
}

/**
 * A node: its namespace, an uplink with the node IP on the fabric bridge, a pod bridge (addressed later, once
 * node IPAM has given the node its pod CIDR), forwarding on, ICMP redirects off (pods on one bridge talk through
 * the node), and `bridge-nf-call-iptables` on so bridged replies pass conntrack, as kube-proxy needs.
 */
export async function setupNode(run: CommandRunner, plan: ClusterPlan, node: NodePlan): Promise<void> {
  await setupNodeBridge(run, { nodeNamespace: node.namespace, bridge: plan.podBridge });
  await addVethPair(run, {
    namespace: plan.fabricNamespace,
    name: node.fabricPort,
    peer: node.uplink,
    peerNamespace: node.namespace,
  });
  await plugIntoFabric(run, plan, node.fabricPort);
  await addAddress(run, node.namespace, node.uplink, node.ip, plan.nodePrefix);
  await setLinkUp(run, node.namespace, node.uplink);
  await setSysctl(run, node.namespace, 'net.ipv4.conf.all.send_redirects', '0');
  await setSysctl(run, node.namespace, 'net.ipv4.conf.default.send_redirects', '0');
  await setSysctl(run, node.namespace, `net.ipv4.conf.${checkInterfaceName(plan.podBridge)}.send_redirects`, '0');
  await setSysctl(run, node.namespace, 'net.bridge.bridge-nf-call-iptables', '1');
}

/**
 * Once every node has its pod CIDR: address each pod bridge, route every other node's pod CIDR via that node's
 * IP (the "static routes" of the Kubernetes networking model), and send the Service CIDR to the pod bridge so
 * that a node's own connections to a ClusterIP have a route for kube-proxy's DNAT to rewrite. Nodes have no
 * default route: nothing they send can leave the node network.
 */
export async function routePodCIDRs(
  run: CommandRunner,
  plan: ClusterPlan,
  podCIDRs: ReadonlyMap<string, string>,
): Promise<void> {
  for (const node of plan.nodes) {
    const own = podCIDRs.get(node.name);
    if (own === undefined) throw new Error(`node ${node.name} has no pod CIDR`);
    await addAddress(run, node.namespace, plan.podBridge, cidrGateway(own), cidrPrefix(own));
    for (const other of plan.nodes) {
      const cidr = podCIDRs.get(other.name);
      if (other === node || cidr === undefined) continue;
      await addRoute(run, node.namespace, cidr, other.ip);
    }
    await runChecked(run, [
      'ip',
      '-n',
      checkNamespaceName(node.namespace),
      'route',
      'add',
      plan.options.serviceCIDR,
      'dev',
      checkInterfaceName(plan.podBridge),
    ]);
  }
}
