/**
 * `startControllers`: the cluster's controllers (EndpointSlice/Endpoints, Deployment, ReplicaSet, scheduler, node
 * IPAM, node lifecycle, pod GC, garbage collector) over one set of shared informers, talking to the API server only through its HTTP API.
 *
 * @example
 * const controllers = await startControllers({ server: 'http://127.0.0.1:6443', token });
 * // ... later
 * await controllers.stop();
 */
import { ApiClient, type Resource } from './client.ts';
import { type Clock, type Controller, type ControllerContext, type Informers, ResourceCache } from './context.ts';
import { deploymentController } from './deployment.ts';
import { endpointSliceController } from './endpointslice.ts';
import { garbageCollector } from './garbage-collector.ts';
import { nodeIpamController } from './node-ipam.ts';
import { nodeLifecycleController } from './node-lifecycle.ts';
import { podGcController } from './pod-gc.ts';
import { replicaSetController } from './replicaset.ts';
import { DEPLOYMENTS, ENDPOINTS, ENDPOINTSLICES, LEASES, NODES, PODS, REPLICASETS, SERVICES } from './resources.ts';
import { schedulerController } from './scheduler.ts';
import { fetchTrusting } from './trusting-fetch.ts';

export type { Clock } from './context.ts';

/** kube-controller-manager's `--node-monitor-period`. */
const DEFAULT_MONITOR_PERIOD_MS = 5000;

/** Where the API server is, how to authenticate, and the few knobs the controllers have. */
export interface ControllerOptions {
  /** The API server's base URL, e.g. `https://127.0.0.1:6443` (plain `http://` for tests). */
  readonly server: string;
  readonly token: string;
  /** The CA (PEM) that signed the server's certificate, for an `https://` server. */
  readonly ca?: string;
  /** Timestamps in conditions and Events; the system clock by default. */
  readonly clock?: Clock;
  /** `--cluster-cidr` for node IPAM; 10.244.0.0/16 by default. */
  readonly clusterCIDR?: string;
  /** `--node-monitor-grace-period` in seconds: how old a node's heartbeat may get before it is Unknown; 40. */
  readonly nodeMonitorGracePeriodSeconds?: number;
  /** How often time-based checks (node heartbeats, expired pod grace periods) re-read the clock; 5000 ms. */
  readonly monitorPeriodMs?: number;
  /** Where retried failures are reported; silent by default. */
  readonly log?: (message: string) => void;
}

/** Running controllers. */
export interface RunningControllers {
  /** Stops every queue and watch; resolves once nothing more will be written. */
  stop(): Promise<void>;
}

/** How long an informer waits before listing again after a failure (doubling from there). */
const RETRY_DELAY_MS = 200;

/** One informer per collection the controllers read, shared by all of them. */
function createInformers(client: ApiClient, onError: (error: unknown) => void): Informers {
  const informer = (resource: Resource): ResourceCache =>
    new ResourceCache(client, resource, { onError, retryDelayMs: RETRY_DELAY_MS });
  return {
    pods: informer(PODS),
    services: informer(SERVICES),
    endpoints: informer(ENDPOINTS),
    endpointSlices: informer(ENDPOINTSLICES),
    nodes: informer(NODES),
    deployments: informer(DEPLOYMENTS),
    replicaSets: informer(REPLICASETS),
    leases: informer(LEASES),
  };
}

/**
 * Lists every collection, then starts every controller; resolves once they are running. A failing list is logged and
 * retried until it succeeds, as upstream's controllers wait for their caches to sync.
 */
export async function startControllers(options: ControllerOptions): Promise<RunningControllers> {
  const client = new ApiClient({
    server: options.server,
    token: options.token,
    ...(options.ca === undefined ? {} : { fetch: fetchTrusting(options.ca) }),
  });
  const log = options.log ?? ((): void => undefined);
  const onError = (error: unknown): void => {
    log(`watch: ${String(error)}`);
  };
  const informers = createInformers(client, onError);
  const context: ControllerContext = { client, informers, clock: options.clock ?? { now: () => new Date() }, log };
  // Handlers are registered before the first list so the initial objects reach every queue.
  const controllers: Controller[] = [
    endpointSliceController(context),
    deploymentController(context),
    replicaSetController(context),
    schedulerController(context),
    nodeIpamController(context, options.clusterCIDR),
    nodeLifecycleController(context, options.nodeMonitorGracePeriodSeconds),
    podGcController(context),
    garbageCollector(context),
  ];
  const all = Object.values(informers) as ResourceCache[];
  for (const i of all) i.start();
  await Promise.all(all.map((i) => i.whenSynced));
  // No controller acts until every cache is full: a half-listed view would create duplicates.
  for (const controller of controllers) controller.queue.start();
  // Upstream's nodeMonitorPeriod (5 s): time passes without any watch event, so the clock is polled.
  const ticker = setInterval(() => {
    for (const controller of controllers) controller.resync?.();
  }, options.monitorPeriodMs ?? DEFAULT_MONITOR_PERIOD_MS);
  ticker.unref();
  return {
    stop: async () => {
      clearInterval(ticker);
      for (const controller of controllers) controller.queue.stop();
      const informersStopped = all.map((i) => i.stop());
      client.close();
      await Promise.all([...informersStopped, ...controllers.map((c) => c.queue.idle())]);
    },
  };
}
