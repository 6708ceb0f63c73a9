import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRenderConfig, type RenderConfig } from '../iptables/config.ts';
import { clusterIPService, readySlice } from '../fixtures.ts';
import { iptablesJumpRules, kubeletJumpRules } from '../iptables/jump-rules.ts';
import { renderIptablesRestore } from '../iptables/render.ts';
import { lastChangeTriggerTimeAnnotation, ProxyChangeTracker } from './change-tracker.ts';
import { FakeClock } from './fake-clock.ts';
import { FakeIptablesRunner } from './fake-iptables-runner.ts';
import { IptablesProxier, type SyncOutcome } from './iptables-proxier.ts';
import { memoryLogger } from './logger.ts';
import { ProxyMetrics } from './metrics.ts';
import { ProxyHealth } from './proxy-health.ts';

const config: RenderConfig = { ...defaultRenderConfig, nodeName: 'node-1', nodeIP: '192.168.0.10' };

function setup() {
  const clock = new FakeClock();
  const tracker = new ProxyChangeTracker('node-1', 'IPv4');
  const iptables = new FakeIptablesRunner('IPv4');
  const metrics = new ProxyMetrics();
  const health = new ProxyHealth(clock, 60_000);
  const log = memoryLogger();
  const proxier = new IptablesProxier({ tracker, config, iptables, clock, metrics, health, log, syncPeriodMs: 30_000 });
  proxier.setInitialized();
  return { clock, tracker, iptables, metrics, health, log, proxier };
}

function kindOf(outcome: SyncOutcome): string {
  return outcome.kind === 'skipped' ? 'skipped' : `${outcome.kind}:${outcome.ok ? 'ok' : 'failed'}`;
}

/** The kernel state a single full sync of the tracker's snapshot leaves on an empty node. */
async function freshFullSync(tracker: ProxyChangeTracker): Promise<string> {
  const kernel = new FakeIptablesRunner();
  for (const rule of [...iptablesJumpRules, ...kubeletJumpRules]) await kernel.ensureJumpRule(rule);
  const full = renderIptablesRestore(tracker.snapshot(), config, { kind: 'full', existingNatChains: null });
  await kernel.restore(full.payload);
  return kernel.dump();
}

test('no sync before the informers have synced', async () => {
  const clock = new FakeClock();
  const iptables = new FakeIptablesRunner();
  const proxier = new IptablesProxier({
    tracker: new ProxyChangeTracker('node-1', 'IPv4'),
    config,
    iptables,
    clock,
    metrics: new ProxyMetrics(),
    health: new ProxyHealth(clock, 60_000),
    log: memoryLogger(),
    syncPeriodMs: 30_000,
  });
  assert.equal(kindOf(await proxier.sync()), 'skipped');
  assert.equal(iptables.restores.length, 0);
});

test('first sync is full with jump rules; later syncs are partial and write only changed services', async () => {
  const { tracker, iptables, proxier } = setup();
  tracker.serviceChanged(undefined, clusterIPService('ns', 'a', '10.96.0.10'));
  tracker.endpointSliceChanged(undefined, readySlice('ns', 'a', ['10.244.1.2']));
  assert.equal(kindOf(await proxier.sync()), 'full:ok');
  assert.match(iptables.dump(), /-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES/);
  assert.match(iptables.restores[0] ?? '', /-A KUBE-SVC-\S+ .*-j KUBE-SEP-/);

  tracker.serviceChanged(undefined, clusterIPService('ns', 'b', '10.96.0.11'));
  tracker.endpointSliceChanged(undefined, readySlice('ns', 'b', ['10.244.1.3']));
  assert.equal(kindOf(await proxier.sync()), 'partial:ok');
  const partial = iptables.restores[1] ?? '';
  assert.match(partial, /ns\/b:p80 -> 10\.244\.1\.3:80/);
  assert.doesNotMatch(partial, /ns\/a:p80 -> /, 'unchanged service chains are not rewritten');
  assert.match(partial, /ns\/a:p80 cluster IP/, 'KUBE-SERVICES still lists every service');
  assert.equal(iptables.dump(), await freshFullSync(tracker));
});

test('a failed partial restore is counted, and the retry is a full sync', async () => {
  const { tracker, iptables, metrics, proxier, log } = setup();
  tracker.serviceChanged(undefined, clusterIPService('ns', 'a', '10.96.0.10'));
  await proxier.sync();
  tracker.endpointSliceChanged(undefined, readySlice('ns', 'a', ['10.244.1.2']));
  iptables.failNextRestores(1);
  assert.equal(kindOf(await proxier.sync()), 'partial:failed');
  assert.ok(log.lines.some((line) => line.startsWith('E partial sync failed')));
  assert.equal(await metrics.valueOf(metrics.restoreFailures, { ip_family: 'IPv4' }), 1);
  assert.equal(await metrics.valueOf(metrics.partialRestoreFailures, { ip_family: 'IPv4' }), 1);
  assert.equal(proxier.needsFullSync, true);
  assert.equal(kindOf(await proxier.sync()), 'full:ok');
  assert.equal(iptables.dump(), await freshFullSync(tracker));
  assert.equal(kindOf(await proxier.sync()), 'partial:ok');
});

test('a failed full restore counts as a restore failure only', async () => {
  const { tracker, iptables, metrics, proxier } = setup();
  tracker.serviceChanged(undefined, clusterIPService('ns', 'a', '10.96.0.10'));
  iptables.failNextRestores(1);
  assert.equal(kindOf(await proxier.sync()), 'full:failed');
  assert.equal(await metrics.valueOf(metrics.restoreFailures, { ip_family: 'IPv4' }), 1);
  assert.equal(await metrics.valueOf(metrics.partialRestoreFailures, { ip_family: 'IPv4' }), 0);
  assert.equal(kindOf(await proxier.sync()), 'full:ok');
});

test('a deleted service loses its chains; the kernel matches a fresh full sync', async () => {
  const { tracker, iptables, proxier } = setup();
  const service = clusterIPService('ns', 'a', '10.96.0.10');
  const slice = readySlice('ns', 'a', ['10.244.1.2']);
  tracker.serviceChanged(undefined, service);
  tracker.endpointSliceChanged(undefined, slice);
  await proxier.sync();
  assert.match(iptables.dump(), /:KUBE-SEP-/);
  tracker.serviceChanged(service, undefined);
  tracker.endpointSliceChanged(slice, undefined);
  assert.equal(kindOf(await proxier.sync()), 'partial:ok');
  assert.match(iptables.restores[1] ?? '', /^-X KUBE-SEP-/m);
  assert.doesNotMatch(iptables.dump(), /KUBE-SEP-|KUBE-SVC-/);
});

test('a full sync every full-sync period, and after a topology change', async () => {
  const { clock, tracker, proxier } = setup();
  assert.equal(kindOf(await proxier.sync()), 'full:ok');
  assert.equal(kindOf(await proxier.sync()), 'partial:ok');
  clock.advance(60 * 60 * 1000 + 1);
  assert.equal(kindOf(await proxier.sync()), 'full:ok');
  tracker.nodeChanged(undefined, { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'z' } } });
  assert.equal(kindOf(await proxier.sync()), 'full:ok');
});

test('success updates health, rule counts and network programming latency', async () => {
  const { clock, tracker, metrics, health, proxier } = setup();
  tracker.serviceChanged(undefined, clusterIPService('ns', 'a', '10.96.0.10'));
  const slice = readySlice('ns', 'a', ['10.244.1.2']);
  const triggered = new Date(clock.now() - 2500).toISOString();
  slice.metadata = { ...slice.metadata, annotations: { [lastChangeTriggerTimeAnnotation]: triggered } };
  tracker.endpointSliceChanged(undefined, slice);
  health.queuedUpdate('IPv4');
  await proxier.sync();
  assert.equal(health.health().status.get('IPv4')?.lastUpdated, clock.now());
  assert.ok((await metrics.valueOf(metrics.iptablesRules, { ip_family: 'IPv4', table: 'nat' })) > 0);
  const text = (await metrics.render()).body;
  assert.match(text, /kubeproxy_network_programming_duration_seconds_sum\{ip_family="IPv4"\} 2\.5/);
  assert.match(text, /kubeproxy_sync_full_proxy_rules_duration_seconds_count\{ip_family="IPv4"\} 1/);
  assert.equal(await metrics.valueOf(metrics.lastSyncTimestamp, { ip_family: 'IPv4' }), clock.now() / 1000);
});
