import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRenderConfig, masqueradeMarkForBit } from './config.ts';
import { localDetectorFor } from './local-detector.ts';
import { effectiveLocalhostNodePorts, nodeIPsFor, nodePortAddressesFor } from './node-port-addresses.ts';
import { formatIP, type IPAddress } from '../../net/index.ts';

const texts = (ips: readonly IPAddress[]): string[] => ips.map((ip) => formatIP(ip));

test('the masquerade mark prints like Go %#08x', () => {
  assert.equal(masqueradeMarkForBit(14), '0x00004000');
  assert.equal(masqueradeMarkForBit(0), '0x00000001');
  assert.equal(masqueradeMarkForBit(31), '0x80000000');
  assert.throws(() => masqueradeMarkForBit(32), RangeError);
  assert.equal(defaultRenderConfig.masqueradeMark, '0x00004000');
  assert.equal(defaultRenderConfig.localhostNodePorts, true);
  assert.equal(defaultRenderConfig.nodePortAddresses, null);
});

test('local detectors per mode and family', () => {
  assert.deepEqual(localDetectorFor({ mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }, 'IPv4'), {
    ifLocal: ['-s', '10.0.0.0/8'],
    ifNotLocal: ['!', '-s', '10.0.0.0/8'],
  });
  assert.deepEqual(localDetectorFor({ mode: 'NodeCIDR', cidr: '10.244.1.7/24' }, 'IPv4')?.ifLocal, [
    '-s',
    '10.244.1.0/24',
  ]);
  assert.equal(localDetectorFor({ mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }, 'IPv6'), null);
  assert.deepEqual(localDetectorFor({ mode: 'ClusterCIDR', cidr: 'fd00:10::/64' }, 'IPv6')?.ifNotLocal, [
    '!',
    '-s',
    'fd00:10::/64',
  ]);
  assert.deepEqual(localDetectorFor({ mode: 'BridgeInterface', interface: 'cbr0' }, 'IPv4'), {
    ifLocal: ['-i', 'cbr0'],
    ifNotLocal: ['!', '-i', 'cbr0'],
  });
  assert.deepEqual(localDetectorFor({ mode: 'InterfaceNamePrefix', prefix: 'veth' }, 'IPv6'), {
    ifLocal: ['-i', 'veth+'],
    ifNotLocal: ['!', '-i', 'veth+'],
  });
  assert.equal(localDetectorFor({ mode: 'none' }, 'IPv4'), null);
});

const interfaceAddrs = [
  '127.0.0.1/8',
  '::1/128',
  '192.168.0.2/24',
  '192.168.1.2/24',
  '192.168.99.11/24',
  '2001:db8::1/64',
  '2001:db8:1::2/64',
];
const base = { ...defaultRenderConfig, nodeIP: '192.168.0.2', interfaceAddrs };

test('nodeport addresses: match-all, per-family filtering and node IPs', () => {
  const all = nodePortAddressesFor(base, 'IPv4');
  assert.equal(all.matchAll, true);
  assert.equal(all.containsIPv4Loopback, true);
  assert.equal(effectiveLocalhostNodePorts(base, all), true);

  const restricted = { ...base, nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'] };
  const v4 = nodePortAddressesFor(restricted, 'IPv4');
  assert.equal(v4.matchAll, false);
  assert.deepEqual(texts(nodeIPsFor(v4, interfaceAddrs)), ['192.168.0.2', '192.168.1.2']);
  assert.equal(effectiveLocalhostNodePorts(restricted, v4), false); // no loopback among them
  const v6 = nodePortAddressesFor({ ...restricted, ipFamily: 'IPv6' }, 'IPv6');
  assert.deepEqual(texts(nodeIPsFor(v6, interfaceAddrs)), ['2001:db8::1']);

  // Only other-family CIDRs: this family matches all. A zero prefix overrides the rest.
  assert.equal(nodePortAddressesFor({ ...base, nodePortAddresses: ['2001:db8::/64'] }, 'IPv4').matchAll, true);
  assert.equal(
    nodePortAddressesFor({ ...base, nodePortAddresses: ['10.0.0.0/8', '0.0.0.0/0'] }, 'IPv4').matchAll,
    true,
  );
});

test('localhost NodePorts need IPv4 and loopback among the NodePort addresses', () => {
  const loopback = { ...base, nodePortAddresses: ['127.0.0.0/8'] };
  const addresses = nodePortAddressesFor(loopback, 'IPv4');
  assert.equal(effectiveLocalhostNodePorts(loopback, addresses), true);
  assert.deepEqual(texts(nodeIPsFor(addresses, interfaceAddrs)), ['127.0.0.1']);
  const v6 = { ...base, ipFamily: 'IPv6' as const };
  assert.equal(effectiveLocalhostNodePorts(v6, nodePortAddressesFor(v6, 'IPv6')), false);
  const off = { ...base, localhostNodePorts: false };
  assert.equal(effectiveLocalhostNodePorts(off, nodePortAddressesFor(off, 'IPv4')), false);
});

test('"primary" stands for the node IP', () => {
  const primary = { ...base, nodePortAddresses: ['primary'] };
  const v4 = nodePortAddressesFor(primary, 'IPv4');
  assert.equal(v4.matchAll, false);
  assert.deepEqual(texts(nodeIPsFor(v4, interfaceAddrs)), ['192.168.0.2']);
  // The node IP is IPv4, so the IPv6 proxier has no CIDR of its family: all addresses.
  assert.equal(nodePortAddressesFor(primary, 'IPv6').matchAll, true);
});
