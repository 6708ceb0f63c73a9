import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NetfilterError } from './errors.ts';
import { AddressSet, toPacket } from './packet.ts';
import { parseRuleLine } from './parse-rule.ts';
import { findModule, ruleComment } from './rule.ts';
import { evaluateRule } from './rule-match.ts';
import { renderSaveRule } from './save-rule.ts';
import { formatRestoreRule } from './serialize.ts';
import { joinWords } from './tokenize.ts';

test('a kube-proxy restore line parses into header, modules in order, and target', () => {
  const line =
    '-A KUBE-SVC-X -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ';
  const rule = parseRuleLine(line);
  assert.equal(rule.chain, 'KUBE-SVC-X');
  assert.equal(rule.raw, line);
  assert.deepEqual(rule.source, { negated: true, value: '10.0.0.0/8' });
  assert.deepEqual(rule.destination, { negated: false, value: '172.30.0.41' });
  assert.deepEqual(rule.protocol, { negated: false, value: 'tcp' });
  assert.deepEqual(
    rule.matches.map((m) => m.name),
    ['comment', 'tcp'],
  );
  assert.equal(ruleComment(rule), 'ns1/svc1:p80 cluster IP');
  assert.deepEqual(findModule(rule, 'port')?.destinationPort, { negated: false, value: '80' });
  assert.equal(rule.target?.name, 'KUBE-MARK-MASQ');
  assert.equal(rule.args.length, 17);
});

test('saved-form rules parse to the same meaning', () => {
  const rule = parseRuleLine(
    '-A KUBE-SVC-N -m comment --comment "x -> 10.180.0.3:80" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-I --mask 255.255.255.255 --rsource -j KUBE-SEP-I',
  );
  const recent = findModule(rule, 'recent');
  assert.ok(recent);
  assert.deepEqual(recent.action, { negated: false, value: 'rcheck' });
  assert.equal(recent.seconds, 10800);
  assert.equal(recent.reap, true);
  assert.equal(recent.listName, 'KUBE-SEP-I');
  assert.equal(recent.mask, '255.255.255.255');
  assert.equal(recent.side, 'rsource');
});

test('other modules and targets: addrtype, conntrack, mark, nfacct, statistic, MARK, DNAT, MASQUERADE, REJECT', () => {
  const addr = parseRuleLine('-A S -m addrtype ! --src-type LOCAL --dst-type LOCAL -j KUBE-NODEPORTS');
  assert.deepEqual(findModule(addr, 'addrtype')?.srcType, { negated: true, value: 'LOCAL' });
  assert.deepEqual(findModule(addr, 'addrtype')?.dstType, { negated: false, value: 'LOCAL' });
  const ct = parseRuleLine('-A F -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -m nfacct --nfacct-name n1 -j DROP');
  assert.deepEqual(findModule(ct, 'conntrack')?.ctstate, { negated: true, value: ['RELATED', 'ESTABLISHED', 'DNAT'] });
  assert.equal(findModule(ct, 'nfacct')?.counterName, 'n1');
  const mark = parseRuleLine('-A P -m mark ! --mark 0x00004000/0x4000 -j RETURN');
  assert.deepEqual(findModule(mark, 'mark')?.mark, { negated: true, value: { value: 0x4000, mask: 0x4000 } });
  const stat = parseRuleLine('-A V -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-A');
  assert.deepEqual(findModule(stat, 'statistic')?.probability, { negated: false, value: 0.3333333333 });
  assert.deepEqual(parseRuleLine('-A M -j MARK --or-mark 0x4000').target?.markXor, { value: 0x4000, mask: 0x4000 });
  assert.deepEqual(parseRuleLine('-A M -j MARK --xor-mark 0x4000').target?.markXor, { value: 0x4000, mask: 0 });
  assert.deepEqual(parseRuleLine('-A M -j MARK --set-mark 0x1').target?.markXor, { value: 1, mask: 0xffffffff });
  assert.equal(
    parseRuleLine('-A E -m tcp -p tcp -j DNAT --to-destination [fd00::1]:80').target?.toDestination,
    '[fd00::1]:80',
  );
  assert.equal(parseRuleLine('-A P -j MASQUERADE --random-fully').target?.randomFully, true);
  assert.equal(parseRuleLine('-A S -j REJECT --reject-with tcp-reset').target?.rejectWith, 'tcp-reset');
});

test('interfaces keep their + wildcard; counters prefix and -c are read', () => {
  const rule = parseRuleLine('[12:345] -A FORWARD ! -i cni+ -o eth0 -j ACCEPT');
  assert.deepEqual(rule.inInterface, { negated: true, value: 'cni+' });
  assert.deepEqual(rule.outInterface, { negated: false, value: 'eth0' });
  assert.deepEqual(rule.counters, { packets: 12, bytes: 345 });
  assert.equal(rule.raw, '-A FORWARD ! -i cni+ -o eth0 -j ACCEPT');
  assert.deepEqual(parseRuleLine('-A X -c 1 2 -j ACCEPT').counters, { packets: 1, bytes: 2 });
});

test('--dport after -p without -m loads the protocol match implicitly', () => {
  const rule = parseRuleLine('-A X -p udp --dport 53 -j ACCEPT');
  assert.deepEqual(
    rule.matches.map((m) => [m.name, m.implicit]),
    [['udp', true]],
  );
  assert.equal(renderSaveRule(rule, 4), '-A X -p udp -m udp --dport 53 -j ACCEPT');
});

test('unknown modules keep their options as written', () => {
  const rule = parseRuleLine('-A X -m set --match-set kube src -m physdev --physdev-is-bridged -j DROP');
  assert.deepEqual(
    rule.matches.map((m) => [m.kind, m.name, m.options.map((o) => [o.name, ...o.values])]),
    [
      ['other', 'set', [['--match-set', 'kube', 'src']]],
      ['other', 'physdev', [['--physdev-is-bridged']]],
    ],
  );
});

test('bad rules are refused with a reason', () => {
  const cases: [string, RegExp][] = [
    ['-I X -j ACCEPT', /must start with "-A CHAIN"/],
    ['-A X --dport 80 -j ACCEPT', /unknown option "--dport"/],
    ['-A X -s 10.0.0.0/40 -j ACCEPT', /invalid address/],
    ['-A X -j ACCEPT -j DROP', /multiple targets/],
    ['-A X ! -j ACCEPT', /cannot be negated/],
    ['-A X -m comment --comment', /requires 1 argument/],
    ['-A X stray', /unexpected argument "stray"/],
    ['-A X -m mark --mark 0xzz -j ACCEPT', /invalid value "0xzz"/],
  ];
  for (const [line, message] of cases) {
    assert.throws(
      () => parseRuleLine(line),
      (e: unknown) => e instanceof NetfilterError && message.test(e.message),
      line,
    );
  }
});

/** Arbitrary kube-proxy-like rules: words in the shapes kube-proxy writes them, in varying order. */
const ipv4 = fc.ipV4();
const negatedAddress = fc.record({
  negated: fc.boolean(),
  value: fc.oneof(
    ipv4,
    fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([ip, len]) => `${ip}/${len}`),
  ),
});
const ruleShape = fc.record({
  chain: fc.constantFrom('KUBE-SERVICES', 'KUBE-SVC-XPGD46QRK7WJZT7O', 'INPUT', 'my-chain'),
  comment: fc.option(fc.string({ unit: 'grapheme-ascii', minLength: 1 }), { nil: undefined }),
  source: fc.option(negatedAddress, { nil: undefined }),
  destination: fc.option(negatedAddress, { nil: undefined }),
  inInterface: fc.option(fc.constantFrom('eth0', 'cni+', 'lo'), { nil: undefined }),
  protocol: fc.option(fc.constantFrom('tcp', 'udp', 'sctp'), { nil: undefined }),
  dport: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  dstLocal: fc.option(fc.boolean(), { nil: undefined }),
  probability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  target: fc.constantFrom(
    ['-j', 'KUBE-MARK-MASQ'],
    ['-j', 'DNAT', '--to-destination', '10.1.2.3:80'],
    ['-j', 'MARK', '--or-mark', '0x4000'],
    ['-j', 'REJECT'],
    [],
  ),
  headerLast: fc.boolean(),
});

function wordsOf(shape: typeof ruleShape extends fc.Arbitrary<infer T> ? T : never): string[] {
  const header = [
    ...(shape.source ? [...(shape.source.negated ? ['!'] : []), '-s', shape.source.value] : []),
    ...(shape.destination ? [...(shape.destination.negated ? ['!'] : []), '-d', shape.destination.value] : []),
    ...(shape.inInterface ? ['-i', shape.inInterface] : []),
  ];
  const comment = shape.comment === undefined ? [] : ['-m', 'comment', '--comment', shape.comment];
  const port = shape.protocol
    ? ['-m', shape.protocol, '-p', shape.protocol, ...(shape.dport ? ['--dport', String(shape.dport)] : [])]
    : [];
  const addrtype =
    shape.dstLocal === undefined ? [] : ['-m', 'addrtype', ...(shape.dstLocal ? [] : ['!']), '--dst-type', 'LOCAL'];
  const statistic =
    shape.probability === undefined
      ? []
      : ['-m', 'statistic', '--mode', 'random', '--probability', shape.probability.toFixed(10)];
  const middle = [...comment, ...port, ...addrtype, ...statistic];
  return shape.headerLast ? [...middle, ...header, ...shape.target] : [...header, ...middle, ...shape.target];
}

test('property: arbitrary rule lines survive parse then format, and keep their meaning', () => {
  fc.assert(
    fc.property(ruleShape, (shape) => {
      const line = joinWords(['-A', shape.chain, ...wordsOf(shape)]);
      const rule = parseRuleLine(line);
      assert.equal(formatRestoreRule(rule), line);
      assert.deepEqual(parseRuleLine(formatRestoreRule(rule)), rule);
      assert.equal(ruleComment(rule), shape.comment);
      assert.equal(rule.source?.value, shape.source?.value);
      assert.equal(rule.destination?.negated, shape.destination?.negated);
      assert.equal(
        findModule(rule, 'port')?.destinationPort?.value,
        shape.protocol && shape.dport ? String(shape.dport) : undefined,
      );
      assert.equal(rule.target?.name, shape.target[1]);
    }),
    { numRuns: 300 },
  );
});

const packetShape = fc.record({
  sourceIP: ipv4,
  destIP: ipv4,
  destPort: fc.integer({ min: 1, max: 65535 }),
  protocol: fc.constantFrom('tcp', 'udp', 'sctp'),
  inInterface: fc.option(fc.constantFrom('eth0', 'cni0', 'lo'), { nil: undefined }),
});

test('property: save rendering is a fixed point, and the saved rule matches the same packets', () => {
  fc.assert(
    fc.property(ruleShape, packetShape, fc.array(ipv4, { maxLength: 2 }), (shape, input, localIPs) => {
      const rule = parseRuleLine(joinWords(['-A', shape.chain, ...wordsOf(shape)]));
      const saved = renderSaveRule(rule, 4);
      const savedRule = parseRuleLine(saved);
      assert.equal(renderSaveRule(savedRule, 4), saved);
      const { inInterface, ...addresses } = input;
      const packet = toPacket({ ...addresses, ...(inInterface !== undefined && { inInterface }) });
      const locals = new AddressSet(localIPs);
      const before = evaluateRule(rule, packet, locals);
      const after = evaluateRule(savedRule, packet, locals);
      assert.equal(after.matched, before.matched);
      if (before.matched && after.matched) {
        assert.ok(Math.abs((before.probability ?? 1) - (after.probability ?? 1)) < 1e-9);
      }
    }),
    { numRuns: 300 },
  );
});
