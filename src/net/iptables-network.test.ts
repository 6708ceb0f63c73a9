import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIP, type IPAddress } from './ip.ts';
import {
  formatIptablesNetwork,
  iptablesNetworkContains,
  parseIptablesNetwork,
  type IptablesNetwork,
} from './iptables-network.ts';

function network(text: string): IptablesNetwork {
  return parseIptablesNetwork(text) ?? assert.fail(`not a network: ${text}`);
}

function ip(text: string): IPAddress {
  return parseIP(text, { sloppy: true }) ?? assert.fail(`not an address: ${text}`);
}

test('bare addresses get /32 or /128; networks are masked and printed like inet_ntop', () => {
  const cases: [string, string][] = [
    ['172.30.0.41', '172.30.0.41/32'],
    ['010.1.2.3/8', '10.0.0.0/8'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['10.0.0.0/255.255.0.0', '10.0.0.0/16'],
    ['10.1.2.3/255.0.255.0', '10.0.2.0/255.0.255.0'],
    ['fd00:172:30::41', 'fd00:172:30::41/128'],
    ['FD00:0010:0:0:0:0:0:0/64', 'fd00:10::/64'],
    ['fd00::/ffff:ffff::', 'fd00::/32'],
    ['::1', '::1/128'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4/128'],
    ['::1.2.3.4', '::1.2.3.4/128'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3/128'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4/128'],
  ];
  for (const [input, printed] of cases) assert.equal(formatIptablesNetwork(network(input)), printed, input);
  assert.equal(network('10.1.2.3/255.0.255.0').prefix, undefined);
});

test('bad networks are refused', () => {
  for (const bad of [
    '1.2.3',
    '1.2.3.256',
    '10.0.0.0/33',
    '10.0.0.0/0008',
    '10.0.0.0/ffff::',
    'fd00::/255.0.0.0',
    'fd00::1::2',
    'host.example',
    '1:2:3:4:5:6:7:8:9',
  ]) {
    assert.equal(parseIptablesNetwork(bad), undefined, bad);
  }
});

test('membership honours the mask and the family', () => {
  const pods = network('10.0.0.0/8');
  assert.equal(iptablesNetworkContains(pods, ip('10.180.0.1')), true);
  assert.equal(iptablesNetworkContains(pods, ip('11.0.0.1')), false);
  assert.equal(iptablesNetworkContains(network('fd00:10::/64'), ip('fd00:10::5')), true);
  assert.equal(iptablesNetworkContains(network('::/0'), ip('10.0.0.1')), false);
  const sparse = network('10.0.2.0/255.0.255.0');
  assert.equal(iptablesNetworkContains(sparse, ip('10.9.2.9')), true);
  assert.equal(iptablesNetworkContains(sparse, ip('10.9.3.9')), false);
});
