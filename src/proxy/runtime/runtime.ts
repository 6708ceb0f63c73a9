/**
 * A whole kube-proxy (iptables mode) for one node and IP family: informers feed the change tracker; a
 * bounded-frequency runner drives the proxier once every informer has synced; `/healthz`, `/livez`, `/metrics`
 * and the health-check node ports are served. Every kernel effect goes through the injected runners.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Node, Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { type ChangeHandler, type ProxyInformers, startProxyInformers } from '../../client/index.ts';
import type { IPFamily } from '../../net/index.ts';
import type { RenderConfig } from '../iptables/config.ts';
import { BoundedFrequencyRunner } from './bounded-runner.ts';
import { ProxyChangeTracker } from './change-tracker.ts';
import { type Clock, systemClock } from './clock.ts';
import type { ConntrackTable } from './conntrack.ts';
import type { CommandRunner } from '../../exec/command.ts';
import { healthCheckAddresses } from './health-addresses.ts';
import { listenHealthz, listenMetrics, listenServiceHealth, type ListeningServer } from './http-servers.ts';
import { defaultFullSyncPeriodMs, IptablesProxier, type SyncOutcome } from './iptables-proxier.ts';
import type { IptablesRunner } from './iptables-runner.ts';
import { type Logger, silentLogger } from './logger.ts';
import { ProxyMetrics } from './metrics.ts';
import { ProxyHealth } from './proxy-health.ts';
import { ServiceHealthServers } from './service-health.ts';
import { applySysctls, sysctlPlan } from './sysctls.ts';

/** Everything a runtime needs; timing defaults are kube-proxy's. */
export interface ProxyRuntimeOptions {
  readonly kubeConfig: KubeConfig;
  readonly nodeName: string;
  readonly ipFamily: IPFamily;
  /** The renderer's configuration, resolved once this node's Node object is known (undefined: none exists). */
  readonly renderConfig: (node: Node | undefined) => RenderConfig;
  readonly iptables: IptablesRunner;
  readonly conntrack?: ConntrackTable;
  /** When given, kube-proxy's sysctls are set through it before the first sync. */
  readonly sysctls?: CommandRunner;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** `--iptables-min-sync-period` (1 s). */
  readonly minSyncPeriodMs?: number;
  /** `--iptables-sync-period` (30 s): retry delay after a failure; health timeout is twice this. */
  readonly syncPeriodMs?: number;
  readonly fullSyncPeriodMs?: number;
  /** `host:port`; null serves nothing. */
  readonly healthzAddress?: string | null;
  readonly metricsAddress?: string | null;
  /** Overrides where health-check node port servers listen (default: from `--nodeport-addresses`). */
  readonly healthCheckAddresses?: readonly string[];
}

/** A running proxy. */
export interface ProxyRuntime {
  readonly tracker: ProxyChangeTracker;
  readonly health: ProxyHealth;
  readonly metrics: ProxyMetrics;
  readonly informers: ProxyInformers;
  /** Actual ports (useful when 0 was asked for); undefined when not served. */
  readonly healthzPort: number | undefined;
  readonly metricsPort: number | undefined;
  /** Resolves once the informers synced and the proxier exists (before its first sync finishes). */
  readonly ready: Promise<IptablesProxier>;
  /** Resolves with the first sync outcome after now that satisfies `predicate`. */
  nextSync(predicate?: (outcome: SyncOutcome) => boolean): Promise<SyncOutcome>;
  stop(): Promise<void>;
}

type SyncListener = (outcome: SyncOutcome) => void;

/** The bounded-frequency runner around a proxier that appears once the informers have synced. */
class SyncLoop {
  proxier: IptablesProxier | undefined;
  readonly runner: BoundedFrequencyRunner;
  readonly #listeners = new Set<SyncListener>();

  constructor(clock: Clock, options: ProxyRuntimeOptions, syncPeriodMs: number) {
    const timing = {
      minIntervalMs: options.minSyncPeriodMs ?? 1000,
      maxIntervalMs: options.fullSyncPeriodMs ?? defaultFullSyncPeriodMs,
      burst: 2,
    };
    this.runner = new BoundedFrequencyRunner(
      async () => {
        if (this.proxier === undefined) return;
        const outcome = await this.proxier.sync();
        if (outcome.kind !== 'skipped' && !outcome.ok) this.runner.retryAfter(syncPeriodMs);
        for (const listener of [...this.#listeners]) listener(outcome);
      },
      clock,
      timing,
    );
  }

  nextSync(predicate: (outcome: SyncOutcome) => boolean): Promise<SyncOutcome> {
    return new Promise((resolve) => {
      const listener: SyncListener = (outcome) => {
        if (!predicate(outcome)) return;
        this.#listeners.delete(listener);
        resolve(outcome);
      };
      this.#listeners.add(listener);
    });
  }
}

interface Parts {
  readonly options: ProxyRuntimeOptions;
  readonly clock: Clock;
  readonly log: Logger;
  readonly syncPeriodMs: number;
  readonly tracker: ProxyChangeTracker;
  readonly health: ProxyHealth;
  readonly metrics: ProxyMetrics;
  readonly loop: SyncLoop;
}

/** Once the informers have synced: resolve the config, set sysctls, create the proxier and start syncing. */
async function beginSyncing(parts: Parts, serviceHealth: (config: RenderConfig) => ServiceHealthServers) {
  const { options, tracker, health, log, loop } = parts;
  const config = options.renderConfig(tracker.node);
  if (tracker.node === undefined) log.warn(`node "${options.nodeName}" not found yet: rendering without its details`);
  if (options.sysctls !== undefined) await applySysctls(options.sysctls, sysctlPlan(config), log);
  const proxier = new IptablesProxier({
    tracker,
    config,
    iptables: options.iptables,
    clock: parts.clock,
    metrics: parts.metrics,
    health,
    log,
    syncPeriodMs: parts.syncPeriodMs,
    serviceHealth: serviceHealth(config),
    ...(options.fullSyncPeriodMs === undefined ? {} : { fullSyncPeriodMs: options.fullSyncPeriodMs }),
    ...(options.conntrack === undefined ? {} : { conntrack: options.conntrack }),
  });
  proxier.setInitialized();
  loop.proxier = proxier;
  health.updated(options.ipFamily);
  log.info(`informers synced, starting the ${options.ipFamily} iptables sync loop for node "${options.nodeName}"`);
  loop.runner.start();
  loop.runner.run();
  return proxier;
}

/** Runs one event handler so that a bug in it is logged instead of breaking the informer's loop. */
function guardedHandler<T>(log: Logger, resource: string, handle: ChangeHandler<T>): ChangeHandler<T> {
  return (previous: T | undefined, current: T | undefined): void => {
    try {
      handle(previous, current);
    } catch (error) {
      log.error(`handling a ${resource} event failed (event skipped): ${describe(error)}`);
    }
  };
}

function watchCluster(parts: Parts): ProxyInformers {
  const { options, tracker, health, loop, log } = parts;
  const queued = (changed: boolean): void => {
    if (!changed) return;
    health.queuedUpdate(options.ipFamily);
    loop.runner.run();
  };
  return startProxyInformers(options.kubeConfig, options.nodeName, {
    onService: guardedHandler<Service>(log, 'Service', (previous, current) => {
      queued(tracker.serviceChanged(previous, current));
    }),
    onEndpointSlice: guardedHandler<EndpointSlice>(log, 'EndpointSlice', (previous, current) => {
      queued(tracker.endpointSliceChanged(previous, current));
    }),
    onNode: guardedHandler<Node>(log, 'Node', (previous, current) => {
      // A delete event carries the object's last state, as upstream's handler sees it.
      const seen = current ?? previous;
      if (seen !== undefined) health.syncNode(seen);
      queued(tracker.nodeChanged(previous, current));
    }),
    onError: (resource, error) => {
      log.warn(`list/watch of ${resource} failed, retrying: ${describe(error)}`);
    },
  });
}

/**
 * Starts serving health and metrics and watching the API; syncing begins once every informer has synced.
 *
 * @example
 * const runtime = await startProxyRuntime({ kubeConfig, nodeName, ipFamily: 'IPv4', renderConfig, iptables });
 * await runtime.nextSync((outcome) => outcome.kind === 'full');
 */
export async function startProxyRuntime(options: ProxyRuntimeOptions): Promise<ProxyRuntime> {
  const clock = options.clock ?? systemClock;
  const syncPeriodMs = options.syncPeriodMs ?? 30_000;
  const log = options.log ?? silentLogger;
  const tracker = new ProxyChangeTracker(options.nodeName, options.ipFamily, (message) => {
    log.warn(message);
  });
  const health = new ProxyHealth(clock, 2 * syncPeriodMs);
  const parts: Parts = {
    options,
    clock,
    log,
    syncPeriodMs,
    tracker,
    health,
    metrics: new ProxyMetrics(),
    loop: new SyncLoop(clock, options, syncPeriodMs),
  };
  const servers: ListeningServer[] = [];
  const healthz = await listenIf(options.healthzAddress, '0.0.0.0:10256', (a) => listenHealthz(a, health), servers);
  const metrics = await listenIf(
    options.metricsAddress,
    '127.0.0.1:10249',
    (a) => listenMetrics(a, parts.metrics),
    servers,
  );
  const informers = watchCluster(parts);
  let serviceHealth: ServiceHealthServers | undefined;
  const ready = informers.whenSynced().then(() =>
    beginSyncing(parts, (config) => {
      serviceHealth = new ServiceHealthServers({
        addresses: options.healthCheckAddresses ?? healthCheckAddresses(config),
        listen: listenServiceHealth,
        proxyHealthy: () => health.health().healthy,
        log: (message) => {
          parts.log.error(message);
        },
      });
      return serviceHealth;
    }),
  );
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    parts.loop.runner.stop();
    await informers.stop();
    await parts.loop.runner.idle();
    await serviceHealth?.close();
    await Promise.all(servers.map((server) => server.close()));
  };
  return {
    tracker,
    health,
    metrics: parts.metrics,
    informers,
    healthzPort: healthz?.port,
    metricsPort: metrics?.port,
    ready,
    nextSync: (predicate = () => true) => parts.loop.nextSync(predicate),
    stop: () => (stopping ??= stop()),
  };
}

/** Listens on the address (the default when undefined); null or '' serves nothing. */
async function listenIf(
  address: string | null | undefined,
  fallback: string,
  listen: (address: string) => Promise<ListeningServer>,
  servers: ListeningServer[],
): Promise<ListeningServer | undefined> {
  const chosen = address === undefined ? fallback : address;
  if (chosen === null || chosen === '') return undefined;
  const server = await listen(chosen);
  servers.push(server);
  return server;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
