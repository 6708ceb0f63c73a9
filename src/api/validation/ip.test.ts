import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorString } from '../field-errors.ts';
import { ipFamilyOf, parseCIDRSloppy, parseIPSloppy, validateNonSpecialIP } from './ip.ts';

test('IPv4 parsing is sloppy about leading zeros, strict about everything else', () => {
  assert.equal(ipFamilyOf('10.96.0.1'), 'IPv4');
  assert.equal(ipFamilyOf('010.096.000.001'), 'IPv4');
  assert.deepEqual(parseIPSloppy('010.1.2.3')?.slice(12), [10, 1, 2, 3]);
  for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.4 ', '', 'a.b.c.d', '1..2.3']) {
    assert.equal(parseIPSloppy(bad), undefined, bad);
  }
});

test('IPv6 parsing, including :: and embedded IPv4', () => {
  assert.equal(ipFamilyOf('fd00::10'), 'IPv6');
  assert.equal(ipFamilyOf('::'), 'IPv6');
  assert.equal(ipFamilyOf('2001:db8:0:0:0:0:0:1'), 'IPv6');
  assert.equal(ipFamilyOf('::ffff:192.0.2.1'), 'IPv4', 'IPv4-mapped counts as IPv4, as in Go');
  assert.deepEqual(parseIPSloppy('fe80::1')?.slice(0, 2), [0xfe, 0x80]);
  for (const bad of [':::', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', 'fe80::1%eth0', '1:2']) {
    assert.equal(parseIPSloppy(bad), undefined, bad);
  }
});

test('CIDRs', () => {
  assert.deepEqual(parseCIDRSloppy('10.0.0.0/8')?.prefix, 8);
  assert.deepEqual(parseCIDRSloppy('2001:db8::/64')?.prefix, 64);
  for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '::/129', '10.0.0.0/8x']) {
    assert.equal(parseCIDRSloppy(bad), undefined, bad);
  }
});

test('special IPv6 addresses are refused too', () => {
  const lines = ['::', '::1', 'fe80::1', 'ff02::1', '2001:db8::1']
    .flatMap((ip) => validateNonSpecialIP('f', ip))
    .map(fieldErrorString);
  assert.deepEqual(lines, [
    'f: Invalid value: "::": may not be unspecified (::)',
    'f: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'f: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    'f: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
  ]);
});
