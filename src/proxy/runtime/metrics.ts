/**
 * kube-proxy's sync metrics (names, help, labels and buckets as upstream's `pkg/proxy/metrics`, where component-base
 * prefixes help with the stability level), in a registry of their own so several proxies can live in one process.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IPFamily } from '../../net/index.ts';

/** `metrics.ExponentialBuckets(0.001, 2, 15)`: 1 ms to ~16 s. */
const syncBuckets = Array.from({ length: 15 }, (_, i) => 0.001 * 2 ** i);

function linear(start: number, width: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + width * i);
}

/** Network programming latency buckets: 0.25 s … 5 min. */
const programmingBuckets = [...linear(0.25, 0.25, 2), ...linear(1, 1, 59), ...linear(60, 5, 12), ...linear(120, 30, 7)];

const family = ['ip_family'] as const;

/** The iptables proxier's metrics. */
export class ProxyMetrics {
  /** The registry to expose on `/metrics`. */
  readonly registry = new Registry();
  readonly syncDuration = this.#histogram('sync_proxy_rules_duration_seconds', 'SyncProxyRules latency in seconds');
  readonly syncFullDuration = this.#histogram(
    'sync_full_proxy_rules_duration_seconds',
    'SyncProxyRules latency in seconds for full resyncs',
  );
  readonly syncPartialDuration = this.#histogram(
    'sync_partial_proxy_rules_duration_seconds',
    'SyncProxyRules latency in seconds for partial resyncs',
  );
  readonly networkProgrammingDuration = this.#histogram(
    'network_programming_duration_seconds',
    'In Cluster Network Programming Latency in seconds',
    programmingBuckets,
  );
  readonly lastSyncTimestamp = new Gauge({
    name: 'kubeproxy_sync_proxy_rules_last_timestamp_seconds',
    help: '[ALPHA] The last time proxy rules were successfully synced',
    labelNames: family,
    registers: [this.registry],
  });
  readonly iptablesRules = new Gauge({
    name: 'kubeproxy_sync_proxy_rules_iptables_total',
    help: '[ALPHA] Total number of iptables rules owned by kube-proxy',
    labelNames: ['ip_family', 'table'] as const,
    registers: [this.registry],
  });
  readonly restoreFailures = this.#counter(
    'sync_proxy_rules_iptables_restore_failures_total',
    'Cumulative proxy iptables restore failures',
  );
  readonly partialRestoreFailures = this.#counter(
    'sync_proxy_rules_iptables_partial_restore_failures_total',
    'Cumulative proxy iptables partial restore failures',
  );

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Current value of a counter or gauge for one family (and table), for logs and tests. */
  async valueOf(metric: Counter | Gauge, labels: Record<string, string>): Promise<number> {
    const { values } = await metric.get();
    const match = values.find((value) => Object.entries(labels).every(([k, v]) => value.labels[k] === v));
    return match?.value ?? 0;
  }

  #histogram(name: string, help: string, buckets = syncBuckets): Histogram<'ip_family'> {
    return new Histogram({
      name: `kubeproxy_${name}`,
      help: `[ALPHA] ${help}`,
      labelNames: family,
      buckets,
      registers: [this.registry],
    });
  }

  #counter(name: string, help: string): Counter<'ip_family'> {
    return new Counter({
      name: `kubeproxy_${name}`,
      help: `[ALPHA] ${help}`,
      labelNames: family,
      registers: [this.registry],
    });
  }
}

/** Label values for one family. */
export function familyLabel(ipFamily: IPFamily): { ip_family: IPFamily } {
  return { ip_family: ipFamily };
}
