/**
 * `startNodeAgent`: registers the Node, renews its Lease, and runs the Pods bound to it (field selector
 * `spec.nodeName=<node>`) as processes, each in its own network namespace with an IP from the Node's pod CIDR.
 */
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { startResourceInformer } from '../../client/index.ts';
import { AgentApi } from './api.ts';
import { type AgentClock, systemClock } from './clock.ts';
import { DEFAULT_KUBELET_PORT, type LogSource, startKubeletServer } from './kubelet-server.ts';
import { unsafeLogNames } from './log-paths.ts';
import { DEFAULT_LOG_ROTATION, type LogRotationPolicy } from './log-rotation.ts';
import { PodIPAllocator } from './pod-ips.ts';
import { DEFAULT_POD_NAMESPACE_PREFIX, PodWorker, type PodWorkerContext } from './pod-worker.ts';
import { registerNode, renewLease } from './registration.ts';
import type { PodNetwork, ProcessLauncher } from './types.ts';

/** Upstream kubelet's Lease renewal interval. */
export const DEFAULT_LEASE_RENEW_MS = 10_000;

/** What the agent needs. */
export interface NodeAgentOptions {
  readonly kubeConfig: KubeConfig;
  readonly nodeName: string;
  /** The Node's InternalIP and every pod's `hostIP`. */
  readonly nodeIP: string;
  readonly network: PodNetwork;
  readonly launcher: ProcessLauncher;
  /**
   * The node's container log folder: `<podLogDir>/<namespace>_<pod>_<uid>/<container>/<restartCount>.log`. A pod's
   * folder is removed with the pod, not when the agent stops.
   */
  readonly podLogDir: string;
  /** kubelet's `containerLogMaxSize` and `containerLogMaxFiles`: 10 MiB and 5 files by default. */
  readonly logRotation?: LogRotationPolicy;
  /** The kubelet endpoint's port on `nodeIP` (container logs); 10250 by default, 0 picks a free one. */
  readonly kubeletPort?: number;
  /** What every pod namespace name starts with (`portico-pod-` by default); `portico up` gives each node its own. */
  readonly podNamespacePrefix?: string;
  /** The Lease's clock and the grace-period timers; the system clock by default. */
  readonly clock?: AgentClock;
  readonly leaseRenewMs?: number;
  readonly capacity?: Readonly<Record<string, string>>;
  /** The environment every container starts from (then its `env`, then POD_NAME/POD_IP/NODE_NAME); `PATH` only by default. */
  readonly baseEnv?: Readonly<Record<string, string>>;
  readonly log?: (message: string) => void;
}

/** A running node agent. */
export interface NodeAgent {
  /** Kills every process the agent started and removes every pod network it created; Node and Lease stay. */
  stop(): Promise<void>;
}

/** Registers the Node and its first Lease, then starts watching; resolves once both watches have listed. */
export async function startNodeAgent(options: NodeAgentOptions): Promise<NodeAgent> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((): void => undefined);
  const api = new AgentApi(options.kubeConfig);
  const workers = new Map<string, PodWorker>();
  // Listening first: the Node publishes the endpoint's port.
  const kubelet = await startKubeletServer({
    host: options.nodeIP,
    port: options.kubeletPort ?? DEFAULT_KUBELET_PORT,
    token: options.kubeConfig.getCurrentUser()?.token,
    findPod: (namespace, name) => findWorker(workers, namespace, name),
    now: () => clock.now(),
    onError: (message) => {
      log(`kubelet endpoint: ${message}`);
    },
  });
  const facts = {
    nodeName: options.nodeName,
    nodeIP: options.nodeIP,
    kubeletPort: kubelet.port,
    ...(options.capacity ? { capacity: options.capacity } : {}),
  };
  let node: Node;
  try {
    node = await registerNode(api, facts, clock.now());
    await renewLease(api, node, clock.now());
  } catch (error) {
    await kubelet.close();
    throw error;
  }

  let stopped = false;
  let markStopping: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => (markStopping = resolve));
  let cancelLease: () => void = () => undefined;
  const scheduleLease = (): void => {
    cancelLease = clock.setTimer(options.leaseRenewMs ?? DEFAULT_LEASE_RENEW_MS, () => {
      renewLease(api, node, clock.now())
        .catch((error: unknown) => {
          log(`lease: ${String(error)}`);
        })
        .finally(() => {
          if (!stopped) scheduleLease();
        });
    });
  };
  scheduleLease();

  // The pod CIDR arrives from node IPAM at some point after registration.
  let allocator: PodIPAllocator | undefined;
  let cidrKnown: (cidr: string) => void = () => undefined;
  const cidrPromise = new Promise<string>((resolve) => (cidrKnown = resolve));
  const onNode = (_previous: Node | undefined, current: Node | undefined): void => {
    const cidr = current?.spec?.podCIDR;
    if (cidr === undefined || allocator !== undefined) return;
    allocator = new PodIPAllocator(cidr);
    cidrKnown(cidr);
  };

  const context: PodWorkerContext = {
    api,
    clock,
    network: options.network,
    launcher: options.launcher,
    nodeName: options.nodeName,
    nodeIP: options.nodeIP,
    baseEnv: options.baseEnv ?? { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    log,
    podLogDir: options.podLogDir,
    logRotation: options.logRotation ?? DEFAULT_LOG_ROTATION,
    podNamespacePrefix: options.podNamespacePrefix ?? DEFAULT_POD_NAMESPACE_PREFIX,
    podCIDR: () => Promise.race([cidrPromise, stopping.then(() => undefined)]),
    allocateIP: (uid) => {
      if (allocator === undefined) throw new Error('no pod CIDR yet');
      return allocator.allocate(uid);
    },
    releaseIP: (uid) => allocator?.release(uid),
    stopping,
    isStopping: () => stopped,
  };
  // Names reach file paths: whatever API server sent them, they are checked here; such a pod is not run.
  const refused = new Set<string>();
  const refusedForLogNames = (pod: Pod, uid: string): boolean => {
    const problem = podLogNamesProblem(pod);
    if (problem === undefined) return false;
    if (!refused.has(uid)) log(`pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}: not run: ${problem}`);
    refused.add(uid);
    return true;
  };
  const onPod = (previous: Pod | undefined, current: Pod | undefined): void => {
    if (stopped) return;
    const uid = (current ?? previous)?.metadata?.uid ?? '';
    if (current === undefined) {
      refused.delete(uid);
      workers.get(uid)?.removed();
      return;
    }
    const phase = current.status?.phase;
    let worker = workers.get(uid);
    if (worker === undefined) {
      // A finished pod has nothing left to run; one already terminating is confirmed as stopped.
      if (phase === 'Succeeded' || phase === 'Failed') return;
      if (refusedForLogNames(current, uid)) return;
      worker = new PodWorker(context, current);
      workers.set(uid, worker);
    }
    worker.update(current);
  };

  const core = options.kubeConfig.makeApiClient(CoreV1Api);
  const onError = (what: string) => (error: unknown) => {
    log(`${what} watch: ${String(error)}`);
  };
  const nodeSelector = `metadata.name=${options.nodeName}`;
  const podSelector = `spec.nodeName=${options.nodeName}`;
  const informers = [
    startResourceInformer<Node>({
      kubeConfig: options.kubeConfig,
      path: '/api/v1/nodes',
      fieldSelector: nodeSelector,
      list: () => core.listNode({ fieldSelector: nodeSelector }),
      onChange: onNode,
      onError: onError('node'),
    }),
    startResourceInformer<Pod>({
      kubeConfig: options.kubeConfig,
      path: '/api/v1/pods',
      fieldSelector: podSelector,
      list: () => core.listPodForAllNamespaces({ fieldSelector: podSelector }),
      onChange: onPod,
      onError: onError('pod'),
    }),
  ];
  await Promise.all(informers.map((i) => i.whenSynced));

  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      markStopping();
      cancelLease();
      await Promise.all(informers.map((i) => i.stop()));
      await Promise.all([...workers.values()].map((w) => w.shutdown()));
      await kubelet.close();
    },
  };
}

/** Why the pod's names cannot name its log files, or undefined when they can. */
function podLogNamesProblem(pod: Pod): string | undefined {
  const meta = pod.metadata;
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  return unsafeLogNames(meta?.namespace ?? 'default', meta?.name ?? '', meta?.uid ?? '', containers);
}

/** The worker of the pod `namespace/name` still on this node (the newest, should the name have been reused). */
function findWorker(workers: ReadonlyMap<string, PodWorker>, namespace: string, name: string): LogSource | undefined {
  let found: PodWorker | undefined;
  for (const worker of workers.values()) {
    const meta = worker.current.metadata;
    if (worker.removedForGood || meta?.name !== name || (meta.namespace ?? 'default') !== namespace) continue;
    found = worker;
  }
  if (found === undefined) return undefined;
  const worker = found;
  return {
    hasContainer: (container) => (worker.current.spec?.containers ?? []).some((c) => c.name === container),
    containerLog: (container, previous) => worker.containerLog(container, previous),
  };
}
