/**
 * A pod's network: its own namespace, a veth whose node end sits on the node's bridge, the pod IP on the pod
 * end, and a default route via the bridge's address. Teardown removes exactly those, found again by name.
 */
import {
  addAddress,
  addBridge,
  addDefaultRoute,
  addNamespace,
  addVethPair,
  deleteLink,
  deleteNamespace,
  enableIPForwarding,
  setLinkUp,
  setHairpin,
  setMaster,
} from './ip.ts';
import { checkNamespaceName, podVethNames } from './names.ts';
import type { CommandRunner } from './runner.ts';

/** Where a pod's network goes and what it gets. */
export interface PodNetworkSpec {
  /** The node's namespace, which holds the bridge. */
  readonly nodeNamespace: string;
  /** The pod's namespace, created here. */
  readonly podNamespace: string;
  /** The node's pod bridge, e.g. `portico-br0`. */
  readonly bridge: string;
  /** The pod's address and its prefix length: the node's pod CIDR, e.g. 10.244.1.3 and 24. */
  readonly podIP: string;
  readonly prefix: number;
  /** The bridge's address, the pod's default gateway. */
  readonly gateway: string;
}

/** What `setupPodNetwork` created, by name. */
export interface PodNetwork {
  readonly nodeNamespace: string;
  readonly podNamespace: string;
  /** The veth end on the node's bridge. */
  readonly hostVeth: string;
  /** The veth end inside the pod, carrying the pod IP. */
  readonly podVeth: string;
}

/** Builds the pod's network; on a failure part-way it removes what it made and rethrows. */
export async function setupPodNetwork(run: CommandRunner, spec: PodNetworkSpec): Promise<PodNetwork> {
  const veth = podVethNames(spec.podNamespace);
  const network: PodNetwork = {
    nodeNamespace: checkNamespaceName(spec.nodeNamespace),
    podNamespace: spec.podNamespace,
    hostVeth: veth.host,
    podVeth: veth.pod,
  };
  await addNamespace(run, spec.podNamespace);
  let vethCreated = false;
  try {
    await addVethPair(run, {
      namespace: spec.nodeNamespace,
      name: veth.host,
      peer: veth.pod,
      peerNamespace: spec.podNamespace,
    });
    vethCreated = true;
    await setMaster(run, spec.nodeNamespace, veth.host, spec.bridge);
    await setHairpin(run, spec.nodeNamespace, veth.host);
    await setLinkUp(run, spec.nodeNamespace, veth.host);
    await setLinkUp(run, spec.podNamespace, 'lo');
    await addAddress(run, spec.podNamespace, veth.pod, spec.podIP, spec.prefix);
    await setLinkUp(run, spec.podNamespace, veth.pod);
    await addDefaultRoute(run, spec.podNamespace, spec.gateway);
  } catch (error) {
    // Only what this call made: a veth that already existed under our name may belong to another pod.
    if (vethCreated) await deleteLink(run, spec.nodeNamespace, veth.host).catch(() => undefined);
    await deleteNamespace(run, spec.podNamespace).catch(() => undefined);
    throw error;
  }
  return network;
}

/** What teardown found and removed; false means it was already gone. */
export interface PodNetworkTeardown {
  readonly hostVethRemoved: boolean;
  readonly namespaceRemoved: boolean;
}

/**
 * Removes the pod's veth (by its derived name, in the node's namespace) and the pod's namespace. Safe to repeat:
 * things already gone are reported, not errors.
 */
export async function teardownPodNetwork(
  run: CommandRunner,
  pod: Pick<PodNetworkSpec, 'nodeNamespace' | 'podNamespace'>,
): Promise<PodNetworkTeardown> {
  const veth = podVethNames(pod.podNamespace);
  // Deleting the node end first means the pair is gone even if the pod namespace is held open by a process.
  const hostVethRemoved = await deleteLink(run, pod.nodeNamespace, veth.host);
  const namespaceRemoved = await deleteNamespace(run, pod.podNamespace);
  return { hostVethRemoved, namespaceRemoved };
}

/**
 * A node's pod bridge: its namespace, the bridge name, and the gateway address pods route through — left out
 * when the node's pod CIDR is not known yet (the cluster addresses the bridge once node IPAM has chosen it).
 */
export interface NodeBridgeSpec {
  readonly nodeNamespace: string;
  readonly bridge: string;
  readonly gateway?: { readonly address: string; readonly prefix: number };
}

/** Creates the node namespace with its pod bridge (gateway address if given, up) and IPv4 forwarding on. */
export async function setupNodeBridge(run: CommandRunner, spec: NodeBridgeSpec): Promise<void> {
  await addNamespace(run, spec.nodeNamespace);
  try {
    await setLinkUp(run, spec.nodeNamespace, 'lo');
    await addBridge(run, spec.nodeNamespace, spec.bridge);
    if (spec.gateway !== undefined) {
      await addAddress(run, spec.nodeNamespace, spec.bridge, spec.gateway.address, spec.gateway.prefix);
    }
    await setLinkUp(run, spec.nodeNamespace, spec.bridge);
    await enableIPForwarding(run, spec.nodeNamespace);
  } catch (error) {
    await deleteNamespace(run, spec.nodeNamespace).catch(() => undefined);
    throw error;
  }
}

/** Removes the node namespace, and with it the bridge; false when it was already gone. */
export function teardownNodeBridge(run: CommandRunner, nodeNamespace: string): Promise<boolean> {
  return deleteNamespace(run, nodeNamespace);
}
