/**
 * One IP family's iptables proxier (reference §9): each sync renders the tracker's snapshot and loads it with one
 * `iptables-restore --noflush`. The first sync, any sync after a failure, a topology change and every full-sync
 * period are full (jump rules ensured, every chain rewritten); the rest are partial (only changed Services' chains).
 * A failure is logged and counted, never thrown: the caller retries and the retry is full.
 */
import { changedServices } from '../changed-services.ts';
import type { ChainNameCache } from '../iptables/chain-names.ts';
import type { RenderConfig } from '../iptables/config.ts';
import { largeClusterEndpointsThreshold } from '../iptables/constants.ts';
import { iptablesJumpRules, kubeletJumpRules } from '../iptables/jump-rules.ts';
import { type RenderResult, renderIptablesRestore, type SyncRequest } from '../iptables/render.ts';
import { staleChainCleanupDue } from '../iptables/stale-chains.ts';
import type { ProxySnapshot } from '../types.ts';
import type { PendingChanges, ProxyChangeTracker } from './change-tracker.ts';
import type { Clock } from './clock.ts';
import type { ConntrackTable } from './conntrack.ts';
import { chainsInDump, type IptablesRunner } from './iptables-runner.ts';
import type { Logger } from './logger.ts';
import { familyLabel, type ProxyMetrics } from './metrics.ts';
import type { ProxyHealth } from './proxy-health.ts';
import type { ServiceHealthServers } from './service-health.ts';
import { cleanConntrackAfterSync, syncServiceHealth } from './sync-effects.ts';

/** kube-proxy's `FullSyncPeriod`: a full resync at least this often even when nothing fails. */
export const defaultFullSyncPeriodMs = 60 * 60 * 1000;

/** What the proxier works with; the optional parts are skipped when absent. */
export interface ProxierOptions {
  readonly tracker: ProxyChangeTracker;
  readonly config: RenderConfig;
  readonly iptables: IptablesRunner;
  readonly clock: Clock;
  readonly metrics: ProxyMetrics;
  readonly health: ProxyHealth;
  readonly log: Logger;
  /** `--iptables-sync-period`: GC window in large-cluster mode (and the caller's retry delay). */
  readonly syncPeriodMs: number;
  readonly fullSyncPeriodMs?: number;
  readonly serviceHealth?: ServiceHealthServers;
  readonly conntrack?: ConntrackTable;
}

/** How one sync went. */
export type SyncOutcome =
  | { readonly kind: 'skipped' }
  | { readonly kind: 'full' | 'partial'; readonly ok: true; readonly result: RenderResult }
  | { readonly kind: 'full' | 'partial'; readonly ok: false; readonly error: Error };

function countEndpoints(snapshot: ProxySnapshot): number {
  let total = 0;
  for (const service of snapshot.services) {
    const byPort = snapshot.endpoints.get(service.namespacedName);
    for (const port of service.ports) total += byPort?.get(port.key)?.length ?? 0;
  }
  return total;
}

/** Syncs rules for one family; call `sync` from a bounded-frequency runner. */
export class IptablesProxier {
  readonly #o: ProxierOptions;
  #initialized = false;
  #needFullSync = true;
  #applied: ProxySnapshot | undefined;
  #lastFullSync = Number.NEGATIVE_INFINITY;
  #lastCleanup: number | null = null;
  #chainNames: ChainNameCache | undefined;

  /** A proxier that will not sync until `setInitialized`. */
  constructor(options: ProxierOptions) {
    this.#o = options;
  }

  /** The snapshot the kernel holds now (after the last successful sync). */
  get applied(): ProxySnapshot | undefined {
    return this.#applied;
  }

  /** Whether the next sync will be full. */
  get needsFullSync(): boolean {
    return this.#needFullSync;
  }

  /** Every informer has delivered its first list: syncs may run. */
  setInitialized(): void {
    this.#initialized = true;
  }

  /** Makes the next sync full (e.g. the rules were flushed behind our back). */
  forceFullSync(): void {
    this.#needFullSync = true;
  }

  /** Runs one sync. Never throws. */
  async sync(): Promise<SyncOutcome> {
    if (!this.#initialized) return { kind: 'skipped' };
    const { clock, tracker } = this.#o;
    const start = clock.now();
    const pending = tracker.takePending();
    const snapshot = tracker.snapshot();
    const full =
      this.#needFullSync ||
      pending.topologyChanged ||
      this.#applied === undefined ||
      start - this.#lastFullSync > (this.#o.fullSyncPeriodMs ?? defaultFullSyncPeriodMs);
    const kind = full ? 'full' : 'partial';
    const changed = changedServices(this.#applied, snapshot);
    let outcome: SyncOutcome;
    try {
      const result = await this.#apply(snapshot, full, changed, start);
      await this.#succeeded(snapshot, result, full, changed, pending, start);
      outcome = { kind, ok: true, result };
    } catch (error) {
      outcome = { kind, ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      this.#failed(outcome.error, full, pending);
    }
    this.#observeDuration(full, (clock.now() - start) / 1000);
    return outcome;
  }

  async #apply(snapshot: ProxySnapshot, full: boolean, changed: Set<string>, now: number): Promise<RenderResult> {
    const { iptables, config } = this.#o;
    if (full) {
      const jumps = iptables.family === 'IPv4' ? [...iptablesJumpRules, ...kubeletJumpRules] : iptablesJumpRules;
      for (const rule of jumps) await iptables.ensureJumpRule(rule);
    }
    const cleanup = { nowMs: now, lastCleanupMs: this.#lastCleanup, syncPeriodMs: this.#o.syncPeriodMs };
    const largeCluster = countEndpoints(snapshot) > largeClusterEndpointsThreshold;
    const existingNatChains = staleChainCleanupDue(largeCluster, cleanup) ? await this.#natChains() : null;
    const request: SyncRequest = full
      ? { kind: 'full', existingNatChains, cleanup }
      : { kind: 'partial', changedServices: changed, existingNatChains, cleanup };
    const options = this.#chainNames === undefined ? {} : { chainNameCache: this.#chainNames };
    const result = renderIptablesRestore(snapshot, config, request, options);
    try {
      await iptables.restore(result.payload);
    } catch (error) {
      const labels = familyLabel(iptables.family);
      this.#o.metrics.restoreFailures.inc(labels);
      if (!full) this.#o.metrics.partialRestoreFailures.inc(labels);
      throw error;
    }
    return result;
  }

  /** The kernel's nat chains, or null (no GC this time) when `iptables-save` fails. */
  async #natChains(): Promise<Set<string> | null> {
    try {
      return chainsInDump(await this.#o.iptables.save('nat'));
    } catch (error) {
      this.#o.log.error(`failed to list nat chains, skipping stale chain cleanup: ${(error as Error).message}`);
      return null;
    }
  }

  async #succeeded(
    snapshot: ProxySnapshot,
    result: RenderResult,
    full: boolean,
    changed: Set<string>,
    pending: PendingChanges,
    start: number,
  ): Promise<void> {
    const { clock, metrics, iptables } = this.#o;
    const previous = this.#applied;
    this.#applied = snapshot;
    this.#needFullSync = false;
    this.#chainNames = result.chainNames;
    if (full) this.#lastFullSync = start;
    if (result.stats.staleChainCleanupRan) this.#lastCleanup = start;
    const now = clock.now();
    const labels = familyLabel(iptables.family);
    metrics.iptablesRules.set({ ...labels, table: 'filter' }, result.stats.filterRules);
    metrics.iptablesRules.set({ ...labels, table: 'nat' }, result.stats.natRules + result.stats.skippedNatRules);
    metrics.lastSyncTimestamp.set(labels, now / 1000);
    for (const time of pending.triggerTimes.values()) {
      metrics.networkProgrammingDuration.observe(labels, Math.max(0, now - time) / 1000);
    }
    this.#o.health.updated(iptables.family);
    const { stats } = result;
    this.#o.log.info(
      `synced iptables rules (${full ? 'full' : 'partial'}): ${stats.servicePorts} service ports, ` +
        `${stats.natRules} nat rules written, ${stats.deletedChains} stale chains deleted`,
    );
    if (this.#o.serviceHealth !== undefined) await syncServiceHealth(this.#o.serviceHealth, snapshot);
    if (this.#o.conntrack !== undefined) {
      await cleanConntrackAfterSync(this.#o.conntrack, previous, snapshot, changed, this.#o.log);
    }
  }

  #failed(error: Error, full: boolean, pending: PendingChanges): void {
    this.#needFullSync = true;
    this.#o.tracker.requeue(pending);
    this.#o.log.error(`${full ? 'full' : 'partial'} sync failed, the next sync will be full: ${error.message}`);
  }

  #observeDuration(full: boolean, seconds: number): void {
    const labels = familyLabel(this.#o.iptables.family);
    this.#o.metrics.syncDuration.observe(labels, seconds);
    (full ? this.#o.metrics.syncFullDuration : this.#o.metrics.syncPartialDuration).observe(labels, seconds);
  }
}
