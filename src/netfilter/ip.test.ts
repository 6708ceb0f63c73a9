import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetfilterError } from './errors.ts';
import { addressFamily, formatNetworkForSave, parseNetwork } from './ip.ts';

test('bad addresses are refused with a NetfilterError', () => {
  for (const bad of ['1.2.3', '1.2.3.256', '10.0.0.0/33', 'fd00::1::2', 'host.example', '1:2:3:4:5:6:7:8:9']) {
    assert.throws(() => parseNetwork(bad), /invalid address/, bad);
    assert.throws(() => formatNetworkForSave(bad), { name: 'NetfilterError', code: 'NETFILTER_BAD_ADDRESS' }, bad);
  }
  assert.throws(
    () => parseNetwork('x'),
    (error) => error instanceof NetfilterError,
  );
});

test('good networks print as iptables-save prints them', () => {
  assert.equal(formatNetworkForSave('10.1.2.3/8'), '10.0.0.0/8');
  assert.equal(parseNetwork('fd00:10::/64').prefix, 64);
});

test('table families name their address family', () => {
  assert.equal(addressFamily(4), 'IPv4');
  assert.equal(addressFamily(6), 'IPv6');
});
