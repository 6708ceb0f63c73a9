import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newTableBuffer, sortChains } from './restore-payload.ts';

test('canonical chain order: NODEPORTS, SERVICES, other KUBE-*, then the rest', () => {
  assert.deepEqual(
    sortChains(['ZZZ', 'KUBE-SVC-B', 'KUBE-SERVICES', 'AAA', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-EXT-A']),
    ['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-EXT-A', 'KUBE-MARK-MASQ', 'KUBE-SVC-B', 'AAA', 'ZZZ'],
  );
});

test('a table groups rules per chain, keeps their order, and deletes last', () => {
  const table = newTableBuffer('nat');
  table.declare('KUBE-SVC-B');
  table.declare('KUBE-SERVICES');
  table.rule('KUBE-SVC-B', '-j', 'KUBE-SEP-1');
  table.rule('KUBE-SERVICES', '-d', '10.0.0.1', '--dport', 80, '-j KUBE-SVC-B');
  table.rule('KUBE-SVC-B', '-j', 'KUBE-SEP-2');
  table.declare('KUBE-SVC-B'); // declaring twice is harmless
  table.deleteChain('KUBE-SEP-OLD');
  const out: string[] = [];
  table.serialize(out);
  assert.deepEqual(out, [
    '*nat',
    ':KUBE-SERVICES - [0:0]',
    ':KUBE-SEP-OLD - [0:0]',
    ':KUBE-SVC-B - [0:0]',
    '-A KUBE-SERVICES -d 10.0.0.1 --dport 80 -j KUBE-SVC-B',
    '-A KUBE-SVC-B -j KUBE-SEP-1',
    '-A KUBE-SVC-B -j KUBE-SEP-2',
    '-X KUBE-SEP-OLD',
    'COMMIT',
  ]);
  assert.deepEqual(table.stats, { chains: 3, rules: 3, deleted: 1 });
  assert.throws(() => {
    table.rule('KUBE-UNDECLARED', '-j', 'DROP');
  }, /undeclared/);
});
