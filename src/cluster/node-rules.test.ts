import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodePortProgramming, rulesProgrammed } from './node-rules.ts';

const before = `*nat
:PREROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
COMMIT
`;

const synced = `*filter
:KUBE-EXTERNAL-SERVICES - [0:0]
COMMIT
*nat
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/livefire-nodeport-svc" -m tcp --dport 31155 -j KUBE-EXT-3V3FRTVEG2SJHB6R
-A KUBE-SEP-GNTIFVP63T5PEOT7 -s 10.244.1.2/32 -m comment --comment "default/livefire-nodeport-svc" -j KUBE-MARK-MASQ
-A KUBE-SEP-GNTIFVP63T5PEOT7 -p tcp -m comment --comment "default/livefire-nodeport-svc" -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SEP-PVBBF7V3WTBRDATS -p tcp -m comment --comment "default/livefire-nodeport-svc" -m tcp -j DNAT --to-destination 10.244.0.2:80
-A KUBE-SEP-ZZZZ -p tcp -m comment --comment "default/other" -m tcp -j DNAT --to-destination 10.244.0.9:80
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
COMMIT
`;

test('a node is programmed once a sync wrote the jump to KUBE-NODEPORTS, not when only the hooks exist', () => {
  assert.equal(rulesProgrammed(''), false);
  assert.equal(rulesProgrammed(before), false);
  assert.equal(rulesProgrammed(synced), true);
});

test("a NodePort's programming: its rule and the endpoints its chains DNAT to", () => {
  assert.deepEqual(nodePortProgramming(synced, 'default/livefire-nodeport-svc', 31155), {
    nodePortRule: true,
    endpoints: ['10.244.0.2:80', '10.244.1.2:80'],
  });
  assert.deepEqual(nodePortProgramming(synced, 'default/livefire-nodeport-svc', 31156).nodePortRule, false);
  assert.deepEqual(nodePortProgramming(before, 'default/livefire-nodeport-svc', 31155), {
    nodePortRule: false,
    endpoints: [],
  });
});
