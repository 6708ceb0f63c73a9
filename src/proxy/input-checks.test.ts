import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  canonicalIP,
  endpointIP,
  isDNSLabel,
  isPortName,
  isPortNumber,
  listOf,
  metadataProblem,
  protocolOf,
  quoted,
} from './input-checks.ts';

test('port numbers are integers in 1..65535, nothing else', () => {
  for (const good of [1, 80, 65535]) assert.equal(isPortNumber(good), true);
  for (const bad of [0, 65536, 70000, -1, 80.5, '80', '80\n-A X', NaN, Infinity, null, undefined, [80], { port: 80 }]) {
    assert.equal(isPortNumber(bad), false, quoted(bad));
  }
});

test('port names are "" or DNS-1123 labels; protocols are the three the API knows', () => {
  for (const good of ['', 'http', 'p-80', 'a1']) assert.equal(isPortName(good), true, good);
  for (const bad of ['HTTP', 'a b', 'x"', 'p80\n', '-a', 'a'.repeat(64), 7, null]) {
    assert.equal(isPortName(bad), false, String(bad));
  }
  assert.equal(protocolOf(undefined), 'TCP');
  assert.equal(protocolOf(null), 'TCP');
  assert.equal(protocolOf('SCTP'), 'SCTP');
  for (const bad of ['tcp', 'TCP\n', 'ICMP', 6, '']) assert.equal(protocolOf(bad), undefined, String(bad));
});

test('addresses are printed from their parsed value: legacy zeros and IPv4-mapped read as upstream does', () => {
  assert.deepEqual(canonicalIP('172.30.0.041'), { text: '172.30.0.41', family: 'IPv4' });
  assert.deepEqual(canonicalIP('::ffff:10.0.0.1'), { text: '10.0.0.1', family: 'IPv4' });
  assert.deepEqual(canonicalIP('FD00::0:1'), { text: 'fd00::1', family: 'IPv6' });
  assert.deepEqual(endpointIP('10.244.1.2'), { text: '10.244.1.2', family: 'IPv4' });
  for (const bad of ['10.0.0.1 -j ACCEPT', '10.0.0.1\n', '10.0.0.256', 'fe80::1%eth0', '', 7, null, ['10.0.0.1']]) {
    assert.equal(canonicalIP(bad), undefined, String(bad));
    assert.equal(endpointIP(bad), undefined, String(bad));
  }
});

test('whatever the input, an accepted address prints as plain IP characters', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (text) => {
      for (const ip of [canonicalIP(text), endpointIP(text)]) {
        if (ip !== undefined) assert.match(ip.text, /^[0-9a-f.:]+$/);
      }
    }),
  );
});

test('identities: namespace a DNS label, name as the kind requires; a hostile value is quoted, never thrown on', () => {
  assert.equal(metadataProblem('Service', { namespace: 'ns', name: 'web' }, isDNSLabel), undefined);
  assert.equal(
    metadataProblem('Service', { namespace: 'ns"\n', name: 'web' }, isDNSLabel),
    'Service with invalid namespace "ns\\"\\n" ignored',
  );
  assert.equal(
    metadataProblem('Service', { namespace: 'ns', name: 5 }, isDNSLabel),
    'Service ns/5 ignored: invalid name',
  );
  assert.equal(metadataProblem('Service', 'junk', isDNSLabel), 'Service with invalid namespace undefined ignored');
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  assert.equal(quoted(cyclic), '[object Object]');
  assert.equal(quoted({ toString: 1 }), '{"toString":1}');
  assert.equal(quoted('x'.repeat(100)).length, 80);
  assert.deepEqual(listOf('not a list'), []);
});
