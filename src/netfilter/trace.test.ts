import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyRestore } from './restore.ts';
import { renderIptablesSave } from './save.ts';
import { createNetfilterState, type NetfilterState } from './state.ts';
import { vectorNamed, vectors, vectorsSkipReason, type VectorPacketFlow } from './testdata.ts';
import { tracePacket, traceUpstream, type TraceResult } from './trace.ts';

const overall = vectors && vectorNamed(vectors, 'TestOverallIPTablesRules');
const localIPs = vectors?.meta.tracerLocalIPs ?? [];

function restored(text: string, family: 4 | 6 = 4): NetfilterState {
  return applyRestore(createNetfilterState(family), text);
}

/** The upstream output string an explained result stands for. */
function explainedAsOutput(result: TraceResult): string {
  if (result.verdict === 'DNAT') return result.endpoints.map((endpoint) => endpoint.destination).join(', ');
  return result.verdict === 'none' ? '' : result.verdict;
}

function checkFlows(state: NetfilterState, flows: readonly VectorPacketFlow[], label: string): void {
  for (const flow of flows) {
    const upstream = traceUpstream(state, flow, localIPs);
    assert.deepEqual(upstream, { output: flow.output, masq: flow.masq }, `${label}: ${flow.name}`);
    const explained = tracePacket(state, flow, { localIPs });
    assert.equal(explainedAsOutput(explained), flow.output, `${label} (explained): ${flow.name}`);
    assert.equal(explained.masquerade, flow.masq, `${label} (explained): ${flow.name}`);
    if (explained.endpoints.length > 0) {
      const total = explained.endpoints.reduce((sum, endpoint) => sum + endpoint.probability, 0);
      assert.ok(Math.abs(total - 1) < 1e-9, `${label}: ${flow.name} probabilities sum to ${total}`);
    }
  }
}

test('TestOverallIPTablesRules flows on the restore payload, both presentations', { skip: vectorsSkipReason }, () => {
  const flows = overall?.packetFlows ?? [];
  assert.equal(flows.length, 7);
  checkFlows(restored(overall?.expectedIptablesRestore ?? ''), flows, 'restore');
});

test(
  'the same flows on the payload rendered to iptables-save form give the same answers',
  { skip: vectorsSkipReason },
  () => {
    const saved = renderIptablesSave(restored(overall?.expectedIptablesRestore ?? ''), { date: 'D' });
    assert.match(
      saved,
      /-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-I77PXRDZVX7PMWMN --mask 255\.255\.255\.255 --rsource/,
    );
    checkFlows(restored(saved), overall?.packetFlows ?? [], 'saved');
  },
);

test(
  'the same flows on the real iptables-save dump of a node (jump rules present, no nfacct)',
  { skip: vectorsSkipReason },
  () => {
    const state = restored(vectors?.iptablesSaveFullExample.text ?? '');
    checkFlows(state, overall?.packetFlows ?? [], 'full example');
    const dns = tracePacket(
      state,
      { sourceIP: '10.0.0.2', destIP: '172.30.0.47', destPort: 53, protocol: 'UDP' },
      { localIPs },
    );
    assert.deepEqual(
      dns.endpoints.map((endpoint) => endpoint.destination),
      ['10.180.7.1:53', '10.180.7.2:53', '10.180.7.3:53'],
    );
    for (const endpoint of dns.endpoints) assert.ok(Math.abs(endpoint.probability - 1 / 3) < 1e-9);
    assert.equal(dns.path[0]?.ruleNumber, 1, 'the real PREROUTING jump is used, not an assumed one');
    assert.equal(
      traceUpstream(state, { sourceIP: '10.0.0.2', destIP: '172.30.0.47', destPort: 53 }, localIPs).output,
      '',
    );
  },
);

test('the explained path says which rule matched and why', { skip: vectorsSkipReason }, () => {
  const state = restored(overall?.expectedIptablesRestore ?? '');
  const result = tracePacket(state, { sourceIP: '203.0.113.2', destIP: '172.30.0.41', destPort: 80 }, { localIPs });
  assert.equal(result.verdict, 'DNAT');
  assert.equal(result.masquerade, true);
  assert.deepEqual(result.endpoints, [{ destination: '10.180.0.1:80', probability: 1 }]);
  assert.deepEqual(
    result.path.map((step) => [step.chain, step.ruleNumber, step.target]),
    [
      ['PREROUTING', 0, 'KUBE-SERVICES'],
      ['KUBE-SERVICES', 1, 'KUBE-SVC-XPGD46QRK7WJZT7O'],
      ['KUBE-SVC-XPGD46QRK7WJZT7O', 1, 'KUBE-MARK-MASQ'],
      ['KUBE-SVC-XPGD46QRK7WJZT7O', 2, 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
      ['KUBE-SEP-SXIVWICOYRO3J4NJ', 2, 'DNAT'],
    ],
  );
  const step = result.path[1];
  assert.ok(step);
  assert.equal(step.comment, 'ns1/svc1:p80 cluster IP');
  assert.equal(step.reason, 'destination 172.30.0.41 matches 172.30.0.41/32, tcp dport 80');
  assert.equal(
    result.path[2]?.reason,
    'source 203.0.113.2 is outside 10.0.0.0/8, destination 172.30.0.41 matches 172.30.0.41/32, tcp dport 80',
  );
});

test('branch probabilities multiply out, and rules needing history are noted', { skip: vectorsSkipReason }, () => {
  const state = restored(overall?.expectedIptablesRestore ?? '');
  const split = tracePacket(state, { sourceIP: '10.0.0.2', destIP: '172.30.0.44', destPort: 80 }, { localIPs });
  assert.deepEqual(split.endpoints, [
    { destination: '10.180.0.4:80', probability: 0.5 },
    { destination: '10.180.0.5:80', probability: 0.5 },
  ]);
  assert.equal(split.path.find((step) => step.branch !== undefined)?.branch, 0.5);
  const sticky = tracePacket(state, { sourceIP: '203.0.113.2', destIP: '5.6.7.8', destPort: 80 }, { localIPs });
  assert.deepEqual(
    sticky.endpoints.map((e) => e.destination),
    ['10.180.0.3:80'],
  );
  assert.ok(
    sticky.notes.some((note) => /rule 2 not taken: needs recent-list history \(KUBE-SEP-I77PXRDZVX7PMWMN\)/.test(note)),
  );
  const blocked = tracePacket(state, { sourceIP: '203.0.113.130', destIP: '5.6.7.8', destPort: 80 }, { localIPs });
  assert.equal(blocked.verdict, 'DROP');
  assert.equal(
    traceUpstream(state, { sourceIP: '203.0.113.130', destIP: '5.6.7.8', destPort: 80 }, localIPs).output,
    'DROP',
  );
});

const IPV6 = `*filter
:KUBE-SERVICES - [0:0]
-A KUBE-SERVICES -d fd00:10:180::1 -j DROP
COMMIT
*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-V6 - [0:0]
:KUBE-SEP-V6A - [0:0]
:KUBE-SEP-V6B - [0:0]
-A KUBE-SERVICES -m comment --comment "ns/v6:p cluster IP" -m tcp -p tcp -d fd00:172:30::41 --dport 80 -j KUBE-SVC-V6
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS
-A KUBE-SVC-V6 -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-V6A
-A KUBE-SVC-V6 -j KUBE-SEP-V6B
-A KUBE-SEP-V6A -m tcp -p tcp -j DNAT --to-destination [fd00:10:180::1]:80
-A KUBE-SEP-V6B -m tcp -p tcp -j DNAT --to-destination [fd00:10:180::2:1]:80
:KUBE-NODEPORTS - [0:0]
COMMIT
`;

test('IPv6: [v6]:port DNAT destinations are parsed, so filter rules see the endpoint address', () => {
  const state = restored(IPV6, 6);
  const flow = { sourceIP: 'fd00:10::5', destIP: 'fd00:172:30::41', destPort: 80 };
  assert.deepEqual(traceUpstream(state, flow, ['2001:db8::1']), {
    output: '[fd00:10:180::1]:80, [fd00:10:180::2:1]:80, DROP',
    masq: false,
  });
  assert.equal(tracePacket(state, flow, { localIPs: ['2001:db8::1'] }).verdict, 'DROP');
});

test('packets with addresses that are not IPs are refused', () => {
  assert.throws(
    () => traceUpstream(createNetfilterState(4), { sourceIP: 'x', destIP: '1.2.3.4', destPort: 1 }, []),
    /not an IP address/,
  );
});

const CONTROL_FLOW = `*filter
:KUBE-SERVICES - [0:0]
:SUB - [0:0]
:RET - [0:0]
-A KUBE-SERVICES -j RET
-A KUBE-SERVICES -p udp -j SUB
-A KUBE-SERVICES -j DROP
-A SUB -j ACCEPT
-A RET -j RETURN
-A RET -j REJECT
COMMIT
`;

test('a verdict in a jumped-to chain ends the caller too; RETURN goes back to the caller', () => {
  const state = restored(CONTROL_FLOW);
  const flow = { sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 1 };
  assert.equal(traceUpstream(state, flow, []).output, 'DROP');
  assert.equal(traceUpstream(state, { ...flow, protocol: 'UDP' }, []).output, 'ACCEPT');
});

test(
  'a NodePort on localhost stops at the first matching KUBE-NODEPORTS rule (the nfacct one)',
  { skip: vectorsSkipReason },
  () => {
    const state = restored(overall?.expectedIptablesRestore ?? '');
    const flow = { sourceIP: '127.0.0.1', destIP: '127.0.0.1', destPort: 3003 };
    assert.deepEqual(traceUpstream(state, flow, localIPs), { output: '10.180.0.3:80', masq: true });
    const explained = tracePacket(state, flow, { localIPs });
    assert.deepEqual(
      explained.path.filter((step) => step.chain === 'KUBE-NODEPORTS').map((step) => step.ruleNumber),
      [3],
    );
  },
);
