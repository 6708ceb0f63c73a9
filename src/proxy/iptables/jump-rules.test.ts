import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iptablesJumpRules, jumpRuleArgs, kubeletJumpRules } from './jump-rules.ts';

test('the jump-rule table matches upstream order and arguments', () => {
  assert.equal(iptablesJumpRules.length, 12);
  assert.deepEqual(
    iptablesJumpRules.map((rule) => `${rule.table} ${rule.srcChain} -> ${rule.dstChain}`),
    [
      'filter INPUT -> KUBE-EXTERNAL-SERVICES',
      'filter FORWARD -> KUBE-EXTERNAL-SERVICES',
      'filter INPUT -> KUBE-NODEPORTS',
      'filter FORWARD -> KUBE-SERVICES',
      'filter OUTPUT -> KUBE-SERVICES',
      'filter FORWARD -> KUBE-FORWARD',
      'filter INPUT -> KUBE-PROXY-FIREWALL',
      'filter OUTPUT -> KUBE-PROXY-FIREWALL',
      'filter FORWARD -> KUBE-PROXY-FIREWALL',
      'nat OUTPUT -> KUBE-SERVICES',
      'nat PREROUTING -> KUBE-SERVICES',
      'nat POSTROUTING -> KUBE-POSTROUTING',
    ],
  );
  const [first] = iptablesJumpRules;
  assert.ok(first !== undefined);
  assert.deepEqual(jumpRuleArgs(first), [
    '-m',
    'conntrack',
    '--ctstate',
    'NEW',
    '-m',
    'comment',
    '--comment',
    'kubernetes externally-visible service portals',
    '-j',
    'KUBE-EXTERNAL-SERVICES',
  ]);
  assert.deepEqual(kubeletJumpRules.map(jumpRuleArgs), [
    ['-j', 'KUBE-FIREWALL'],
    ['-j', 'KUBE-FIREWALL'],
  ]);
});
