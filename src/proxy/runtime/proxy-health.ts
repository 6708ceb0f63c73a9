/**
 * kube-proxy's own health (reference §12.2, upstream `ProxyHealthServer`): per IP family the last successful
 * update and the oldest change still queued; a family is unhealthy once a queued change has waited `healthTimeout`
 * (2 × the sync period). `/livez` reports that; `/healthz` also needs the Node to be eligible. As upstream's
 * `SyncNode`, the node counts as eligible from the start (also while its Node object does not exist yet) until a
 * Node event shows it being deleted (`deletionTimestamp`) or tainted `ToBeDeletedByClusterAutoscaler`; the next
 * event without either makes it eligible again. Bodies are upstream's `json.Marshal` output.
 */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import type { IPFamily } from '../../net/index.ts';
import type { Clock } from './clock.ts';
import { formatRFC3339Nano } from './go-time.ts';

/** The Cluster Autoscaler's taint for a node about to be removed. */
export const toBeDeletedTaint = 'ToBeDeletedByClusterAutoscaler';

/** A status code and JSON body, with the headers every health answer carries. */
export interface HealthAnswer {
  readonly status: 200 | 503;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Headers of every kube-proxy health answer. */
export const healthHeaders = { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' } as const;

/** Upstream's `ProxyHealth` value. */
export interface ProxyHealthStatus {
  readonly healthy: boolean;
  /** The most recent update of any family (null: never, Go's zero time). */
  readonly lastUpdated: number | null;
  readonly currentTime: number;
  readonly status: ReadonlyMap<IPFamily, { readonly lastUpdated: number; readonly healthy: boolean }>;
}

/** Whether kube-proxy should serve traffic for a node whose Node object is this (`/healthz`'s `nodeEligible`). */
export function nodeEligible(node: Node): boolean {
  if (node.metadata?.deletionTimestamp != null && node.metadata.deletionTimestamp !== '') return false;
  const taints: unknown = node.spec?.taints;
  return !(
    Array.isArray(taints) && taints.some((taint) => (taint as { key?: unknown } | null)?.key === toBeDeletedTaint)
  );
}

/** The health state of one kube-proxy (all its families). */
export class ProxyHealth {
  readonly #clock: Clock;
  readonly #healthTimeoutMs: number;
  #nodeEligible = true;
  readonly #lastUpdated = new Map<IPFamily, number>();
  readonly #oldestPending = new Map<IPFamily, number>();

  /** A health state that is healthy and node-eligible until told otherwise. */
  constructor(clock: Clock, healthTimeoutMs: number) {
    this.#clock = clock;
    this.#healthTimeoutMs = healthTimeoutMs;
  }

  /** Upstream's `SyncNode`: called with the object of every add, update and delete event of this node's Node. */
  syncNode(node: Node): void {
    this.#nodeEligible = nodeEligible(node);
  }

  /** Whether `/healthz` currently counts the node as eligible. */
  get isNodeEligible(): boolean {
    return this.#nodeEligible;
  }

  /** The family's rules now reflect everything queued. */
  updated(family: IPFamily): void {
    this.#oldestPending.delete(family);
    this.#lastUpdated.set(family, this.#clock.now());
  }

  /** A change for the family arrived and waits for a sync. */
  queuedUpdate(family: IPFamily): void {
    if (!this.#oldestPending.has(family)) this.#oldestPending.set(family, this.#clock.now());
  }

  /** Upstream's `Health()`: families that never updated do not count. */
  health(): ProxyHealthStatus {
    const now = this.#clock.now();
    const status = new Map<IPFamily, { lastUpdated: number; healthy: boolean }>();
    let lastUpdated: number | null = null;
    let healthy = true;
    for (const [family, updated] of this.#lastUpdated) {
      if (lastUpdated === null || updated > lastUpdated) lastUpdated = updated;
      const pending = this.#oldestPending.get(family);
      const late = pending !== undefined && now - pending >= this.#healthTimeoutMs;
      if (late) healthy = false;
      status.set(family, { lastUpdated: updated, healthy: !late });
    }
    return { healthy, lastUpdated, currentTime: now, status };
  }

  /** The `/livez` answer. */
  livez(): HealthAnswer {
    return this.#answer(undefined);
  }

  /** The `/healthz` answer (also needs an eligible Node). */
  healthz(): HealthAnswer {
    return this.#answer(this.#nodeEligible);
  }

  #answer(eligible: boolean | undefined): HealthAnswer {
    const health = this.health();
    const ok = health.healthy && eligible !== false;
    // Upstream reports "now" as lastUpdated when healthy, as older releases did.
    const lastUpdated = ok ? this.#clock.now() : health.lastUpdated;
    return { status: ok ? 200 : 503, headers: healthHeaders, body: healthBody(health, lastUpdated, eligible) };
  }
}

/** `json.Marshal(ProxyHealth)`: fields in struct order, `nodeEligible` and an empty `status` omitted. */
function healthBody(health: ProxyHealthStatus, lastUpdated: number | null, eligible: boolean | undefined): string {
  const body: Record<string, unknown> = {
    lastUpdated: formatRFC3339Nano(lastUpdated),
    currentTime: formatRFC3339Nano(health.currentTime),
  };
  if (eligible !== undefined) body['nodeEligible'] = eligible;
  body['healthy'] = health.healthy;
  if (health.status.size > 0) {
    // Go sorts map keys: IPv4 before IPv6.
    const families = [...health.status.keys()].sort();
    const status: Record<string, unknown> = {};
    for (const family of families) {
      const entry = health.status.get(family);
      if (entry !== undefined)
        status[family] = { lastUpdated: formatRFC3339Nano(entry.lastUpdated), healthy: entry.healthy };
    }
    body['status'] = status;
  }
  return JSON.stringify(body);
}
