import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorString } from '../field-errors.ts';
import { validateCIDR, validateIP, validateNonSpecialIP } from './ip.ts';

test('IPs and CIDRs are read sloppily; the messages are upstream’s', () => {
  assert.deepEqual(validateIP('f', '010.096.000.001'), []);
  assert.deepEqual(validateCIDR('f', '010.0.0.0/008'), []);
  assert.deepEqual(validateIP('f', '1.2.3.4 ').map(fieldErrorString), [
    'f: Invalid value: "1.2.3.4 ": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
  assert.deepEqual(validateCIDR('f', '10.0.0.0/33').map(fieldErrorString), [
    'f: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
  ]);
});

test('special IPv4 addresses are refused, IPv4-mapped ones too', () => {
  const lines = ['0.0.0.0', '127.0.0.1', '::ffff:127.0.0.1', '169.254.1.1', '224.0.0.1', '10.0.0.1', 'x']
    .flatMap((ip) => validateNonSpecialIP('f', ip))
    .map(fieldErrorString);
  assert.deepEqual(lines, [
    'f: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
    'f: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'f: Invalid value: "::ffff:127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'f: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    'f: Invalid value: "224.0.0.1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    'f: Invalid value: "x": must be a valid IP address',
  ]);
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
