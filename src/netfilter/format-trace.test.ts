import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPercent, formatTrace } from './format-trace.ts';
import type { TraceResult } from './trace.ts';

const RESULT: TraceResult = {
  verdict: 'DNAT',
  endpoints: [
    { destination: '10.180.0.4:80', probability: 0.5 },
    { destination: '[fd00::5]:80', probability: 0.5 },
  ],
  masquerade: false,
  path: [
    {
      table: 'nat',
      chain: 'PREROUTING',
      ruleNumber: 0,
      rule: '-A PREROUTING -j KUBE-SERVICES',
      reason: 'assumed',
      target: 'KUBE-SERVICES',
      depth: 0,
    },
    {
      table: 'nat',
      chain: 'KUBE-SVC-X',
      ruleNumber: 2,
      rule: '-A KUBE-SVC-X -m statistic --mode random --probability 0.5 -j KUBE-SEP-A',
      reason: 'random branch, probability 0.5',
      branch: 0.5,
      target: 'KUBE-SEP-A',
      depth: 1,
    },
  ],
  notes: ['nat/KUBE-SVC-X rule 1 not taken: needs recent-list history'],
};

test('formatTrace prints verdict, endpoints with percentages, path indented by depth, and notes', () => {
  assert.equal(
    formatTrace(RESULT),
    [
      'verdict: DNAT',
      'endpoints:',
      '  10.180.0.4:80  50%',
      '  [fd00::5]:80   50%',
      'masquerade: no',
      'path:',
      '  1. nat/PREROUTING assumed rule -> KUBE-SERVICES',
      '     why: assumed',
      '     rule: -A PREROUTING -j KUBE-SERVICES',
      '  2.   nat/KUBE-SVC-X rule 2 [random branch 50%] -> KUBE-SEP-A',
      '       why: random branch, probability 0.5',
      '       rule: -A KUBE-SVC-X -m statistic --mode random --probability 0.5 -j KUBE-SEP-A',
      'notes:',
      '  - nat/KUBE-SVC-X rule 1 not taken: needs recent-list history',
      '',
    ].join('\n'),
  );
});

test('formatTrace without rule text, for a packet nothing matched', () => {
  const text = formatTrace({ verdict: 'none', endpoints: [], masquerade: true, path: [], notes: [] }, { rules: false });
  assert.equal(text, 'verdict: none\nmasquerade: yes (source NAT to the node address)\npath: no rule matched\n');
  assert.equal(formatPercent(1 / 3), '33.33%');
});
