import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cidrContains,
  cidrSize,
  formatCIDR,
  invalidCIDRMessage,
  parseCIDR,
  prefixMask,
  type CIDR,
  type ParseCIDROptions,
} from './cidr.ts';
import { parseIP, type IPAddress } from './ip.ts';

const SLOPPY: ParseCIDROptions = { sloppy: true };

function cidr(text: string, options: ParseCIDROptions = SLOPPY): CIDR {
  return parseCIDR(text, options) ?? assert.fail(`not a CIDR: ${text}`);
}

function ip(text: string): IPAddress {
  return parseIP(text, { sloppy: true, unmap: true }) ?? assert.fail(`not an address: ${text}`);
}

test('CIDRs are masked to their network and print as Go prints them', () => {
  const cases: [string, string][] = [
    ['10.96.0.0/12', '10.96.0.0/12'],
    ['10.96.5.7/12', '10.96.0.0/12'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['10.0.0.0/24', '10.0.0.0/24'],
    ['192.168.1.1/32', '192.168.1.1/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['203.0.113.000/025', '203.0.113.0/25'],
    ['fd00:10:96::/112', 'fd00:10:96::/112'],
    ['fd00:10::5/64', 'fd00:10::/64'],
    ['2001:db8::/64', '2001:db8::/64'],
    ['::/0', '::/0'],
    // An IPv4-mapped address keeps IPv6's width, as in Go's ParseCIDR.
    ['::ffff:10.1.2.3/104', '::ffff:a00:0/104'],
  ];
  for (const [input, printed] of cases) assert.equal(formatCIDR(cidr(input)), printed, input);
  assert.equal(cidr('2001:db8::/64').prefix, 64);
  assert.equal(cidr('::ffff:10.1.2.3/104').family, 'IPv6');
});

test('non-CIDRs are refused; Go`s error text names them', () => {
  for (const text of [
    '10.96.0.0',
    '10.96.0.0/33',
    '10.96.0.0/',
    '10.0.0.0/8x',
    '10.0.0.0/+8',
    '10.0.0.0/255.0.0.0',
    ' 10.0.0.0/8',
    'x/12',
    '::/129',
    '1.2.3.4::/8',
  ]) {
    assert.equal(parseCIDR(text, SLOPPY), undefined, text);
    assert.equal(parseCIDR(text), undefined, text);
  }
  assert.equal(invalidCIDRMessage('10.96.0.0'), 'invalid CIDR address: 10.96.0.0');
});

test('strict CIDRs refuse the zero padding sloppy ones allow', () => {
  for (const text of ['010.0.0.0/8', '10.0.0.0/08', '203.0.113.000/025', '00fd00::/64']) {
    assert.equal(parseCIDR(text), undefined, text);
    assert.ok(parseCIDR(text, SLOPPY), text);
  }
  assert.deepEqual(cidr('10.0.0.0/8', {}), { family: 'IPv4', network: 0x0a000000n, prefix: 8 });
});

test('sizes and masks', () => {
  assert.equal(cidrSize(cidr('10.96.0.0/12')), 1n << 20n);
  assert.equal(cidrSize(cidr('10.0.0.1/32')), 1n);
  assert.equal(cidrSize(cidr('::/0')), 1n << 128n);
  assert.equal(prefixMask('IPv4', 0), 0n);
  assert.equal(prefixMask('IPv4', 12), 0xfff00000n);
  assert.equal(prefixMask('IPv4', 32), 0xffffffffn);
  assert.equal(prefixMask('IPv6', 128), (1n << 128n) - 1n);
});

test('containment respects family and bounds', () => {
  const services = cidr('10.96.0.0/12');
  assert.equal(cidrContains(services, ip('10.96.0.0')), true);
  assert.equal(cidrContains(services, ip('10.111.255.255')), true);
  assert.equal(cidrContains(services, ip('10.112.0.0')), false);
  assert.equal(cidrContains(services, ip('10.95.255.255')), false);
  assert.equal(cidrContains(services, ip('::a60:1')), false);
  const lan = cidr('192.168.0.0/24');
  assert.equal(cidrContains(lan, ip('192.168.0.2')), true);
  assert.equal(cidrContains(lan, ip('192.168.1.2')), false);
  assert.equal(cidrContains(lan, ip('2001:db8::1')), false);
  assert.equal(cidrContains(cidr('::/0'), ip('2001:db8::1')), true);
  assert.equal(cidrContains(cidr('::/0'), ip('192.168.0.2')), false);
  assert.equal(cidrContains(cidr('0.0.0.0/0'), ip('::ffff:192.168.0.2')), true);
});
