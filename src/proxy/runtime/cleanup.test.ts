import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRenderConfig } from '../iptables/config.ts';
import { iptablesJumpRules, kubeletJumpRules } from '../iptables/jump-rules.ts';
import { renderIptablesRestore } from '../iptables/render.ts';
import { clusterIPService, readySlice } from '../fixtures.ts';
import { buildSnapshot } from '../snapshot.ts';
import { cleanupIptables, deleteChainsPayload } from './cleanup.ts';
import { FakeIptablesRunner } from './fake-iptables-runner.ts';

test('cleanup removes every jump rule and KUBE chain, and leaves other rules alone', async () => {
  const kernel = new FakeIptablesRunner();
  await kernel.restore('*filter\n:OTHER - [0:0]\n-A INPUT -j OTHER\nCOMMIT\n');
  for (const rule of [...iptablesJumpRules, ...kubeletJumpRules]) await kernel.ensureJumpRule(rule);
  const node = { name: 'node-1', ipFamily: 'IPv4' as const };
  const snapshot = buildSnapshot(
    [clusterIPService('ns', 'a', '10.96.0.10')],
    [readySlice('ns', 'a', ['10.244.1.2'])],
    node,
  );
  const config = { ...defaultRenderConfig, nodeName: 'node-1' };
  await kernel.restore(renderIptablesRestore(snapshot, config, { kind: 'full', existingNatChains: null }).payload);
  assert.match(kernel.dump(), /KUBE-SEP-/);

  const report = await cleanupIptables(kernel);
  assert.equal(report.jumpRules, 14);
  assert.ok(report.chains.nat.some((chain) => chain.startsWith('KUBE-SVC-')));
  const after = kernel.dump();
  assert.doesNotMatch(after, /KUBE-/);
  assert.match(after, /-A INPUT -j OTHER/);
  assert.deepEqual(await cleanupIptables(kernel), { jumpRules: 0, chains: { filter: [], nat: [] } });
});

test('the deletion payload flushes, then deletes', () => {
  assert.equal(deleteChainsPayload('nat', ['A', 'B']), '*nat\n:A - [0:0]\n:B - [0:0]\n-X A\n-X B\nCOMMIT\n');
  assert.equal(deleteChainsPayload('nat', []), '');
});
