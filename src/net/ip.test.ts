import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ipFamilyOf,
  isIPv4Mapped,
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isUnspecified,
  parseIP,
  unmapIP,
  type IPAddress,
  type ParseIPOptions,
} from './ip.ts';

const SLOPPY: ParseIPOptions = { sloppy: true };
const AS_GO_NET_IP: ParseIPOptions = { sloppy: true, unmap: true };

function ip(text: string, options: ParseIPOptions = SLOPPY): IPAddress {
  return parseIP(text, options) ?? assert.fail(`not an address: ${text}`);
}

test('non-addresses are refused, strictly and sloppily', () => {
  for (const text of [
    '',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3',
    '1.2.3.4.5',
    '1..2.3',
    '256.1.1.1',
    '1.2.3.256',
    '1.2.3.-4',
    '+1.2.3.4',
    'a.b.c.d',
    'None',
    'host.example',
    ':',
    ':::',
    ':1',
    ':1::',
    '1:2',
    '1::2::3',
    'fd00::1::2',
    '12345::',
    '1.2.3.4::',
    '1:2:1.2.3.4::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '1:2:3:4:5:6:7::1.2.3.4',
    '::1.2.3.4:5',
    'fe80::1%eth0',
  ]) {
    assert.equal(parseIP(text), undefined, text);
    assert.equal(parseIP(text, SLOPPY), undefined, text);
  }
});

test('IPv4 values; sloppy reads leading zeros as decimal, strict refuses them', () => {
  assert.deepEqual(ip('10.96.0.1'), { family: 'IPv4', value: 0x0a600001n });
  assert.deepEqual(ip('255.255.255.255', {}), { family: 'IPv4', value: 0xffffffffn });
  assert.deepEqual(ip('010.1.2.3'), { family: 'IPv4', value: 0x0a010203n });
  assert.deepEqual(ip('172.30.0.041'), ip('172.30.0.41'));
  // Go 1.16 bounded a field by value, not by width.
  assert.deepEqual(ip('0010.0.0.0255'), ip('10.0.0.255'));
  for (const text of ['010.1.2.3', '1.2.3.00', '0010.0.0.1', '::ffff:01.2.3.4']) {
    assert.equal(parseIP(text), undefined, text);
  }
  assert.deepEqual(ip('0.0.0.0', {}), { family: 'IPv4', value: 0n });
});

test('IPv6 values, with :: and an embedded dotted quad', () => {
  assert.deepEqual(ip('::', {}), { family: 'IPv6', value: 0n });
  assert.deepEqual(ip('::1', {}), { family: 'IPv6', value: 1n });
  assert.deepEqual(ip('fe80::1', {}).value >> 112n, 0xfe80n);
  assert.deepEqual(ip('2001:db8:0:0:0:0:0:1', {}), ip('2001:DB8::1', {}));
  assert.deepEqual(ip('1:2:3:4:5:6:1.2.3.4', {}), ip('1:2:3:4:5:6:102:304', {}));
  assert.deepEqual(ip('64:ff9b::1.2.3.4', {}), ip('64:ff9b::102:304', {}));
  // Sloppy groups may be zero-padded past four digits, as in Go 1.16; strict ones may not.
  assert.deepEqual(ip('00fd00::0001'), ip('fd00::1'));
  assert.equal(parseIP('00fd00::1'), undefined);
  assert.equal(parseIP('0fd00::1', SLOPPY)?.value, ip('fd00::1').value);
});

test('IPv4-mapped addresses stay IPv6 unless unmapped, as Go`s net.IP reads them', () => {
  assert.deepEqual(ip('::ffff:1.2.3.4', {}), { family: 'IPv6', value: 0xffff01020304n });
  assert.deepEqual(ip('::ffff:192.0.2.1', AS_GO_NET_IP), { family: 'IPv4', value: 0xc0000201n });
  assert.equal(isIPv4Mapped(ip('::ffff:1.2.3.4')), true);
  assert.equal(isIPv4Mapped(ip('::1.2.3.4')), false);
  assert.deepEqual(unmapIP(ip('::1.2.3.4')), ip('::1.2.3.4'));
  assert.deepEqual(unmapIP(ip('10.0.0.1')), ip('10.0.0.1'));
});

test('the family of a text', () => {
  assert.equal(ipFamilyOf('10.96.0.1'), 'IPv4');
  assert.equal(ipFamilyOf('010.096.000.001', SLOPPY), 'IPv4');
  assert.equal(ipFamilyOf('010.096.000.001'), undefined);
  assert.equal(ipFamilyOf('fd00::10'), 'IPv6');
  assert.equal(ipFamilyOf('::'), 'IPv6');
  assert.equal(ipFamilyOf('::ffff:192.0.2.1'), 'IPv6');
  assert.equal(ipFamilyOf('::ffff:192.0.2.1', AS_GO_NET_IP), 'IPv4');
  assert.equal(ipFamilyOf('None'), undefined);
});

test('loopback addresses', () => {
  for (const text of ['127.0.0.1', '127.255.0.9', '::1']) assert.equal(isLoopback(ip(text)), true, text);
  for (const text of ['::2', '10.0.0.1', '128.0.0.1', '::ffff:127.0.0.1']) assert.equal(isLoopback(ip(text)), false);
  assert.equal(isLoopback(ip('::ffff:127.0.0.1', AS_GO_NET_IP)), true);
});

test('unspecified and link-local addresses', () => {
  assert.equal(isUnspecified(ip('0.0.0.0')), true);
  assert.equal(isUnspecified(ip('::')), true);
  assert.equal(isUnspecified(ip('0.0.0.1')), false);
  for (const text of ['169.254.0.1', 'fe80::1', 'febf::1']) assert.equal(isLinkLocalUnicast(ip(text)), true, text);
  for (const text of ['169.253.0.1', 'fec0::1', 'fe7f::1']) assert.equal(isLinkLocalUnicast(ip(text)), false, text);
  for (const text of ['224.0.0.1', '224.0.0.255', 'ff02::1', 'ff12::1']) {
    assert.equal(isLinkLocalMulticast(ip(text)), true, text);
  }
  for (const text of ['224.0.1.1', 'ff01::1', 'fe02::1']) assert.equal(isLinkLocalMulticast(ip(text)), false, text);
});
