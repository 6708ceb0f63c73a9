import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cidrContains, familyOf, formatCIDR, formatIP, parseCIDR, parseIP } from './ip-address.ts';

test('addresses print as Go prints them', () => {
  const cases: [string, string][] = [
    ['10.96.0.1', '10.96.0.1'],
    ['010.096.000.010', '10.96.0.10'],
    ['0.0.0.0', '0.0.0.0'],
    ['FD00:0:0:0:0:0:0:1', 'fd00::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
    ['1:0:1:1:1:1:1:1', '1:0:1:1:1:1:1:1'],
    ['::', '::'],
    ['::1', '::1'],
    ['fd00::', 'fd00::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:1.2.3.4', '::ffff:102:304'],
  ];
  for (const [input, printed] of cases) {
    const address = parseIP(input);
    assert.ok(address, input);
    assert.equal(formatIP(address), printed, input);
  }
});

test('non-addresses are refused', () => {
  for (const input of [
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.-4',
    'a.b.c.d',
    '1::2::3',
    ':1::',
    '12345::',
    '1.2.3.4::',
    'None',
  ]) {
    assert.equal(parseIP(input), undefined, input);
  }
  assert.equal(familyOf('10.0.0.1'), 'IPv4');
  assert.equal(familyOf('fd00::1'), 'IPv6');
  assert.equal(familyOf('None'), 'unknown');
});

test('CIDRs are masked to their network and print as Go prints them', () => {
  const cases: [string, string][] = [
    ['10.96.0.0/12', '10.96.0.0/12'],
    ['10.96.5.7/12', '10.96.0.0/12'],
    ['10.0.0.0/24', '10.0.0.0/24'],
    ['fd00:10:96::/112', 'fd00:10:96::/112'],
    ['192.168.1.1/32', '192.168.1.1/32'],
  ];
  for (const [input, printed] of cases) {
    const cidr = parseCIDR(input);
    assert.ok(typeof cidr !== 'string', input);
    assert.equal(formatCIDR(cidr), printed);
  }
  for (const input of ['10.96.0.0', '10.96.0.0/33', '10.96.0.0/', 'x/12', '::/129']) {
    assert.equal(parseCIDR(input), `invalid CIDR address: ${input}`);
  }
});

test('containment respects family and bounds', () => {
  const cidr = parseCIDR('10.96.0.0/12');
  assert.ok(typeof cidr !== 'string');
  const at = (ip: string): boolean => cidrContains(cidr, parseIP(ip) ?? { family: 'IPv4', value: -1n });
  assert.equal(at('10.96.0.0'), true);
  assert.equal(at('10.111.255.255'), true);
  assert.equal(at('10.112.0.0'), false);
  assert.equal(at('10.95.255.255'), false);
  assert.equal(at('::a60:1'), false);
});
