import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatIp, formatNetworkForSave, networkContains, parseIp, parseNetwork, type IpAddress } from './ip.ts';

function ipOf(text: string): IpAddress {
  const ip = parseIp(text);
  assert.ok(ip, text);
  return ip;
}

test('bare addresses get /32 or /128; networks are masked and printed like inet_ntop', () => {
  assert.equal(formatNetworkForSave('172.30.0.41'), '172.30.0.41/32');
  assert.equal(formatNetworkForSave('10.1.2.3/8'), '10.0.0.0/8');
  assert.equal(formatNetworkForSave('10.0.0.0/255.255.0.0'), '10.0.0.0/16');
  assert.equal(formatNetworkForSave('fd00:172:30::41'), 'fd00:172:30::41/128');
  assert.equal(formatNetworkForSave('FD00:0010:0:0:0:0:0:0/64'), 'fd00:10::/64');
  assert.equal(formatNetworkForSave('::1'), '::1/128');
  assert.equal(formatNetworkForSave('::ffff:1.2.3.4'), '::ffff:1.2.3.4/128');
  assert.equal(formatNetworkForSave('1:0:0:2:0:0:0:3'), '1:0:0:2::3/128');
  assert.equal(formatNetworkForSave('1:0:0:2:0:0:3:4'), '1::2:0:0:3:4/128');
});

test('bad addresses are refused', () => {
  for (const bad of ['1.2.3', '1.2.3.256', '10.0.0.0/33', 'fd00::1::2', 'host.example', '1:2:3:4:5:6:7:8:9']) {
    assert.throws(() => parseNetwork(bad), /invalid address/, bad);
  }
});

test('membership honours the prefix and the family', () => {
  const pods = parseNetwork('10.0.0.0/8');
  assert.equal(networkContains(pods, ipOf('10.180.0.1')), true);
  assert.equal(networkContains(pods, ipOf('11.0.0.1')), false);
  assert.equal(networkContains(parseNetwork('fd00:10::/64'), ipOf('fd00:10::5')), true);
  assert.equal(networkContains(parseNetwork('::/0'), ipOf('10.0.0.1')), false);
});

test('property: IPv6 text round-trips through parse and format', () => {
  fc.assert(
    fc.property(fc.ipV6(), (text) => {
      const ip = parseIp(text);
      assert.ok(ip, text);
      const again = parseIp(formatIp(6, ip.value));
      assert.equal(again?.value, ip.value);
    }),
    { numRuns: 300 },
  );
});

test('property: IPv4 text round-trips exactly', () => {
  fc.assert(
    fc.property(fc.ipV4(), (text) => {
      const ip = parseIp(text);
      assert.ok(ip);
      assert.equal(formatIp(4, ip.value), text);
    }),
    { numRuns: 200 },
  );
});
