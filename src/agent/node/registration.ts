/** The Node object the agent registers, and its heartbeat Lease in `kube-node-lease`. */
import { cpus, totalmem } from 'node:os';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1.d.ts';
import { type AgentApi, isApiStatus } from './api.ts';
import { apiTime, microTime } from './clock.ts';

/** Where the Node says it is and what it has. */
export interface NodeFacts {
  readonly nodeName: string;
  readonly nodeIP: string;
  /** The kubelet endpoint's port, published as `status.daemonEndpoints.kubeletEndpoint.Port`. */
  readonly kubeletPort: number;
  /** `status.capacity` (and `allocatable`); cpu, memory and pods from this machine by default. */
  readonly capacity?: Readonly<Record<string, string>>;
}

/** The namespace that holds node heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** How long a Lease holds without renewal (upstream kubelet's default). */
export const LEASE_DURATION_SECONDS = 40;

function defaultCapacity(): Record<string, string> {
  return { cpu: String(cpus().length), memory: `${Math.floor(totalmem() / 1024)}Ki`, pods: '110' };
}

function readyCondition(previous: NodeCondition | undefined, now: string): NodeCondition {
  const unchanged = previous?.status === 'True';
  return {
    type: 'Ready',
    status: 'True',
    reason: 'KubeletReady',
    message: 'portico node agent is posting ready status',
    lastHeartbeatTime: now,
    lastTransitionTime: unchanged ? (previous.lastTransitionTime ?? now) : now,
  };
}

/** Creates the Node if missing, then writes its status: addresses, capacity, `Ready=True` with heartbeat times. */
export async function registerNode(api: AgentApi, facts: NodeFacts, now: Date): Promise<Node> {
  const path = `/api/v1/nodes/${facts.nodeName}`;
  try {
    await api.request('POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: facts.nodeName,
        labels: { 'kubernetes.io/hostname': facts.nodeName, 'kubernetes.io/os': 'linux' },
      },
    });
  } catch (error) {
    if (!isApiStatus(error, 409)) throw error;
  }
  const capacity = facts.capacity ?? defaultCapacity();
  for (let attempt = 0; ; attempt++) {
    const node = (await api.request('GET', path)) as Node;
    const conditions = node.status?.conditions ?? [];
    const ready = readyCondition(
      conditions.find((c) => c.type === 'Ready'),
      apiTime(now),
    );
    const status = {
      ...node.status,
      addresses: [
        { type: 'InternalIP', address: facts.nodeIP },
        { type: 'Hostname', address: facts.nodeName },
      ],
      capacity,
      allocatable: capacity,
      conditions: [...conditions.filter((c) => c.type !== 'Ready'), ready],
      daemonEndpoints: { kubeletEndpoint: { Port: facts.kubeletPort } },
      nodeInfo: { ...node.status?.nodeInfo, kubeletVersion: 'portico', containerRuntimeVersion: 'portico://processes' },
    };
    try {
      return await api.request('PUT', `${path}/status`, { ...node, status });
    } catch (error) {
      if (!isApiStatus(error, 409) || attempt >= 4) throw error;
    }
  }
}

/** Creates or renews the Lease `kube-node-lease/<node>` with `renewTime` = `now`. */
export async function renewLease(api: AgentApi, node: Node, now: Date): Promise<void> {
  const name = node.metadata?.name ?? '';
  const collection = `/apis/coordination.k8s.io/v1/namespaces/${NODE_LEASE_NAMESPACE}/leases`;
  const renewTime = microTime(now);
  let lease: Record<string, unknown> & { spec?: Record<string, unknown> };
  try {
    lease = await api.request('GET', `${collection}/${name}`);
  } catch (error) {
    if (!isApiStatus(error, 404)) throw error;
    const owner = { apiVersion: 'v1', kind: 'Node', name, uid: node.metadata?.uid ?? '' };
    await api.request('POST', collection, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [owner] },
      spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
    });
    return;
  }
  await api.request('PUT', `${collection}/${name}`, { ...lease, spec: { ...lease.spec, renewTime } });
}
