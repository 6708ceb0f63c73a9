import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AddressSet, dnatAddress, toPacket, type PacketInput } from './packet.ts';
import { parseRuleLine } from './parse-rule.ts';
import { evaluateRule, type RuleEvaluation } from './rule-match.ts';

const locals = new AddressSet(['127.0.0.1', '::1', '192.168.0.2']);
const base: PacketInput = { sourceIP: '10.0.0.2', destIP: '192.168.0.2', destPort: 3001 };

function evaluate(line: string, packet: Partial<PacketInput> = {}): RuleEvaluation {
  return evaluateRule(parseRuleLine(line), toPacket({ ...base, ...packet }), locals);
}

test('addrtype LOCAL follows the local address set; other types never match unless negated', () => {
  assert.deepEqual(evaluate('-A S -m addrtype --dst-type LOCAL -j N'), {
    matched: true,
    reasons: ['destination 192.168.0.2 is a local address'],
  });
  assert.equal(evaluate('-A S -m addrtype --src-type LOCAL -j N').matched, false);
  assert.equal(evaluate('-A S -m addrtype ! --src-type LOCAL -j N').matched, true);
  assert.equal(evaluate('-A S -m addrtype --dst-type UNICAST -j N').matched, false);
  assert.equal(evaluate('-A S -m addrtype --dst-type LOCAL -j N', { destIP: '0:0::1' }).matched, true);
});

test('protocol and ports: exact, ranges, negation; protocol all matches anything', () => {
  assert.equal(evaluate('-A S -p udp -j N').matched, false);
  assert.equal(evaluate('-A S -p UDP -j N', { protocol: 'udp' }).matched, true);
  assert.equal(evaluate('-A S -p all -j N').matched, true);
  assert.equal(evaluate('-A S ! -p tcp -j N').matched, false);
  assert.equal(evaluate('-A S -p tcp -m tcp --dport 3000:3005 -j N').matched, true);
  assert.equal(evaluate('-A S -p tcp -m tcp ! --dport 3001 -j N').matched, false);
  assert.deepEqual(evaluate('-A S -p tcp -m tcp --dport 80 -j N'), {
    matched: false,
    why: 'dport 3001 does not match 80',
    stateful: false,
  });
});

test('interfaces and source ports are assumed to match when the packet does not say', () => {
  const unknown = evaluate('-A S -i cni+ -p tcp -m tcp --sport 1000 -j N');
  assert.deepEqual(unknown.matched && unknown.reasons, [
    'in-interface not given (assumed to match cni+)',
    'protocol tcp',
    'sport not given (assumed to match 1000)',
  ]);
  assert.equal(evaluate('-A S -i cni+ -j N', { inInterface: 'cni0' }).matched, true);
  assert.equal(evaluate('-A S -i cni+ -j N', { inInterface: 'eth0' }).matched, false);
  assert.equal(evaluate('-A S ! -o eth0 -j N', { outInterface: 'eth0' }).matched, false);
  assert.equal(evaluate('-A S -p tcp -m tcp --sport 1000 -j N', { sourcePort: 999 }).matched, false);
});

test('rules needing conntrack state, marks or recent history never match, and say so', () => {
  for (const line of [
    '-A F -m conntrack --ctstate NEW -j N',
    '-A F -m mark --mark 0x4000/0x4000 -j ACCEPT',
    '-A F -m recent --rcheck --name X -j N',
    '-A F -m recent --update --name X -j N',
  ]) {
    const result = evaluate(line);
    assert.equal(result.matched ? 'matched' : result.stateful, true, line);
  }
  const addressFirst = evaluate('-A F -s 1.1.1.1 -m conntrack --ctstate NEW -j N');
  assert.equal(!addressFirst.matched && addressFirst.stateful, false, 'a plain mismatch wins over a stateful one');
  assert.equal(evaluate('-A F -m recent --set --name X -j N').matched, true);
});

test('statistic rules are branches with their probability; unknown modules are assumed to match', () => {
  const branch = evaluate('-A S -m statistic --mode random --probability 0.25 -j N');
  assert.equal(branch.matched && branch.probability, 0.25);
  const nth = evaluate('-A S -m statistic --mode nth --every 4 --packet 0 -j N');
  assert.equal(nth.matched && nth.probability, 0.25);
  const other = evaluate('-A S -m set --match-set x src -j N');
  assert.deepEqual(other.matched && other.reasons, ['-m set not evaluated (assumed to match)']);
  assert.deepEqual(evaluate('-A S -j N'), { matched: true, reasons: ['unconditional'] });
});

test('DNAT destinations: IPv4 with and without port, bracketed IPv6, ranges', () => {
  assert.equal(dnatAddress('10.180.0.1:80')?.text, '10.180.0.1');
  assert.equal(dnatAddress('10.180.0.1')?.text, '10.180.0.1');
  assert.equal(dnatAddress('[fd00:10:180::2:1]:80')?.text, 'fd00:10:180::2:1');
  assert.equal(dnatAddress('fd00::1')?.text, 'fd00::1');
  assert.equal(dnatAddress('10.0.0.1-10.0.0.9:80-90')?.text, '10.0.0.1');
  assert.equal(dnatAddress(':80'), undefined);
});
