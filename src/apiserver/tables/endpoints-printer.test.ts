import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { endpointSlicePrinter } from './endpointslice-printer.ts';
import { endpointsPrinter } from './endpoints-printer.ts';
import { ago, MINUTE, NOW } from './testing.ts';

const metadata = { name: 'web', creationTimestamp: ago(4 * MINUTE) };

function endpoints(subsets: Endpoints['subsets']): Endpoints {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets === undefined ? {} : { subsets }) };
}

const addresses = (...ips: string[]) => ips.map((ip) => ({ ip }));

test('Endpoints: ip:port pairs; <none> without subsets', () => {
  assert.deepEqual(
    endpointsPrinter.columns.map((c) => c.name),
    ['Name', 'Endpoints', 'Age'],
  );
  const e = endpoints([{ addresses: addresses('10.244.0.10', '10.244.1.4'), ports: [{ port: 8080 }] }]);
  assert.deepEqual(endpointsPrinter.cells(e, NOW), ['web', '10.244.0.10:8080,10.244.1.4:8080', '4m']);
  assert.equal(endpointsPrinter.cells(endpoints(undefined), NOW)[1], '<none>');
  assert.equal(endpointsPrinter.cells(endpoints([]), NOW)[1], '<none>');
});

test('Endpoints: at most three, then "+ N more..." counting every (port, address) pair', () => {
  const e = endpoints([
    { addresses: addresses('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] },
    { addresses: addresses('10.0.0.3'), ports: [{ port: 80 }] },
  ]);
  assert.equal(endpointsPrinter.cells(e, NOW)[1], '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...');
});

test('Endpoints: IPv6 in brackets; a port-less (headless) subset lists bare IPs', () => {
  const e = endpoints([
    { addresses: addresses('fd00::1'), ports: [{ port: 80 }] },
    { addresses: addresses('10.0.0.9') },
  ]);
  assert.equal(endpointsPrinter.cells(e, NOW)[1], '[fd00::1]:80,10.0.0.9');
  assert.equal(endpointsPrinter.cells(endpoints([{ ports: [{ port: 80 }] }]), NOW)[1], '');
});

function slice(ports: EndpointSlice['ports'], ips: string[][]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { ...metadata, name: 'web-abc12' },
    addressType: 'IPv4',
    ...(ports === undefined ? {} : { ports }),
    endpoints: ips.map((list) => ({ addresses: list })),
  };
}

test('EndpointSlice: ports as numbers, names or *; addresses; age', () => {
  assert.deepEqual(
    endpointSlicePrinter.columns.map((c) => c.name),
    ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'],
  );
  const s = slice([{ port: 8080, name: 'http' }, { name: 'metrics' }, {}], [['10.244.0.10'], ['10.244.1.4']]);
  assert.deepEqual(endpointSlicePrinter.cells(s, NOW), [
    'web-abc12',
    'IPv4',
    '8080,metrics,*',
    '10.244.0.10,10.244.1.4',
    '4m',
  ]);
});

test('EndpointSlice: more than three items; <unset> when empty', () => {
  const ports = [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }];
  const s = slice(ports, [['10.0.0.1', '10.0.0.2'], ['10.0.0.3'], ['10.0.0.4']]);
  assert.deepEqual(endpointSlicePrinter.cells(s, NOW).slice(2, 4), [
    '1,2,3 + 2 more...',
    '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...',
  ]);
  assert.deepEqual(endpointSlicePrinter.cells(slice(undefined, []), NOW).slice(2, 4), ['<unset>', '<unset>']);
});
