/** Every iptables conformance vector: whole payloads, single chains, assertions and multi-step partial syncs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedServices } from '../changed-services.ts';
import { clusterIPService, readySlice } from '../fixtures.ts';
import { buildSnapshot } from '../snapshot.ts';
import type { ProxySnapshot } from '../types.ts';
import { renderIptablesRestore, type SyncKind } from './render.ts';
import { iptablesVectors, loadKubeProxyVectors, type ProxyVector, type VectorStep } from './testdata.ts';
import { applyNatChains, chainRules, checkAssertion, checkRestoreTargets } from './vector-checks.ts';

const loaded = loadKubeProxyVectors();
const skip = loaded.skipReason ?? false;
const vectors = loaded.data === undefined ? [] : iptablesVectors(loaded.data);

function snapshotOf(vector: ProxyVector, state: Pick<VectorStep, 'services' | 'endpointSlices'>): ProxySnapshot {
  return buildSnapshot(state.services, state.endpointSlices, {
    name: vector.config.nodeName,
    ipFamily: vector.config.ipFamily,
  });
}

function checkSingleSync(vector: ProxyVector): void {
  const snapshot = snapshotOf(vector, { services: vector.services ?? [], endpointSlices: vector.endpointSlices ?? [] });
  const { payload } = renderIptablesRestore(snapshot, vector.config, { kind: 'full', existingNatChains: new Set() });
  checkRestoreTargets(payload, new Set());
  if (vector.expectedIptablesRestore !== undefined) assert.equal(payload, vector.expectedIptablesRestore);
  for (const [chain, rules] of Object.entries(vector.expectedChains ?? {})) {
    assert.equal(chainRules(payload, chain), rules, chain);
  }
  for (const assertion of vector.assertions ?? []) checkAssertion(payload, assertion);
}

/** Each step is a complete desired state; the kernel's nat chains carry over from step to step. */
function checkSteps(vector: ProxyVector, steps: readonly VectorStep[]): void {
  const kernel = new Set<string>();
  let previous: ProxySnapshot | undefined;
  steps.forEach((step, index) => {
    const snapshot = snapshotOf(vector, step);
    const full = index === 0 || step.forceFullSync === true;
    const kind: SyncKind = full
      ? { kind: 'full' }
      : { kind: 'partial', changedServices: changedServices(previous, snapshot) };
    const { payload, stats } = renderIptablesRestore(snapshot, vector.config, {
      ...kind,
      existingNatChains: new Set(kernel),
    });
    const label = `step ${index}: ${step.description}`;
    checkRestoreTargets(payload, kernel);
    if (step.expectedFullSync !== undefined) assert.equal(stats.fullSync, step.expectedFullSync, label);
    if (step.expectedIptablesRestore !== undefined) assert.equal(payload, step.expectedIptablesRestore, label);
    for (const assertion of step.assertions ?? []) checkAssertion(payload, assertion);
    applyNatChains(kernel, payload);
    previous = snapshot;
  });
}

test('the conformance vectors are present', { skip }, () => {
  assert.equal(vectors.length, 41);
});

for (const vector of vectors) {
  test(`iptables vector: ${vector.name}`, { skip }, () => {
    if (vector.steps !== undefined) checkSteps(vector, vector.steps);
    else checkSingleSync(vector);
  });
}

/**
 * The rest of upstream's TestSyncProxyRulesLargeClusterMode, from the vector's notes: in large-cluster mode a
 * deleted Service's chains linger until the cleanup window (one sync period) has passed.
 */
test('large-cluster mode throttles stale-chain GC (vector notes)', { skip }, () => {
  const vector = vectors.find((v) => v.name === 'TestSyncProxyRulesLargeClusterMode');
  const lastStep = vector?.steps?.at(-1);
  assert.ok(vector !== undefined && lastStep !== undefined, 'large-cluster vector');
  assert.match(vector.notes ?? '', /KUBE-SEP-SU5STNODRYEWJAUF/);
  const syncPeriodMs = 30_000;
  const svc4 = clusterIPService('ns4', 'svc4', '172.30.0.44', 'p8082', 8082);
  const withSvc4 = {
    services: [...lastStep.services, svc4],
    endpointSlices: [...lastStep.endpointSlices, readySlice('ns4', 'svc4', ['10.4.0.1'], 'p8082', 8082)],
  };
  const withoutSvc4 = { services: lastStep.services, endpointSlices: withSvc4.endpointSlices };

  const kernel = new Set<string>();
  let previous: ProxySnapshot | undefined;
  let lastCleanupMs: number | null = null;
  const sync = (state: Pick<VectorStep, 'services' | 'endpointSlices'>, nowMs: number) => {
    const snapshot = snapshotOf(vector, state);
    const kind: SyncKind =
      previous === undefined
        ? { kind: 'full' }
        : { kind: 'partial', changedServices: changedServices(previous, snapshot) };
    const cleanup = { nowMs, lastCleanupMs, syncPeriodMs };
    const result = renderIptablesRestore(snapshot, vector.config, {
      ...kind,
      existingNatChains: new Set(kernel),
      cleanup,
    });
    if (result.stats.staleChainCleanupRan) lastCleanupMs = nowMs;
    applyNatChains(kernel, result.payload);
    previous = snapshot;
    return result;
  };

  assert.equal(sync(lastStep, 0).stats.largeClusterMode, true);
  const added = sync(withSvc4, 1000).payload;
  checkAssertion(added, {
    type: 'dnatLineFor',
    match: '10.4.0.1',
    expected: '-A KUBE-SEP-SU5STNODRYEWJAUF -m tcp -p tcp -j DNAT --to-destination 10.4.0.1:8082',
  });
  checkAssertion(added, { type: 'dnatCount', expected: 1 });

  lastCleanupMs = 2000; // a cleanup just ran
  const deleted = sync(withoutSvc4, 2001);
  checkAssertion(deleted.payload, { type: 'dnatCount', expected: 0 });
  assert.ok(!deleted.payload.includes('-X '), 'no chain deletions inside the cleanup window');
  assert.equal(deleted.stats.staleChainCleanupRan, false);

  const later = sync(withoutSvc4, 2000 + syncPeriodMs + 1).payload;
  assert.ok(later.includes('-X KUBE-SVC-EBDQOQU5SJFXRIL3\n'));
  assert.ok(later.includes('-X KUBE-SEP-SU5STNODRYEWJAUF\n'));
  assert.ok(!kernel.has('KUBE-SVC-EBDQOQU5SJFXRIL3'));
});
