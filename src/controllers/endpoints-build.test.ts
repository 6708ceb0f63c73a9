import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, Service } from 'kubernetes-types/core/v1.d.ts';
import { MAX_ENDPOINTS_PER_SLICE, desiredSlices, endpointsSubsets } from './endpoints-build.ts';

const service: Service = {
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] },
};

function pod(
  name: string,
  ip: string,
  options: { ready?: boolean; port?: number; deleting?: boolean; app?: string } = {},
): Pod {
  return {
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: { app: options.app ?? 'web' },
      ...(options.deleting === true ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: 'n1',
      containers: [{ name: 'c', ports: [{ name: 'web', containerPort: options.port ?? 8080, protocol: 'TCP' }] }],
    },
    status: {
      phase: 'Running',
      podIP: ip,
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

test('named target ports resolve per pod, so pods with different port numbers land in different slices', () => {
  const slices = desiredSlices(service, [
    pod('a', '10.0.0.1'),
    pod('b', '10.0.0.2', { port: 9090 }),
    pod('x', '10.0.0.9', { app: 'other' }),
  ]);
  assert.deepEqual(
    slices.map((s) => [s.ports.map((p) => p.port), s.endpoints.map((e) => e.addresses[0])]),
    [
      [[8080], ['10.0.0.1']],
      [[9090], ['10.0.0.2']],
    ],
  );
  assert.deepEqual(slices[0]?.endpoints[0], {
    addresses: ['10.0.0.1'],
    conditions: { ready: true, serving: true, terminating: false },
    nodeName: 'n1',
    targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' },
  });
});

test('conditions: not ready pods are neither ready nor serving; terminating ones serve but are not ready', () => {
  const [slice] = desiredSlices(service, [
    pod('a', '10.0.0.1', { ready: false }),
    pod('b', '10.0.0.2', { deleting: true }),
  ]);
  assert.deepEqual(
    slice?.endpoints.map((e) => e.conditions),
    [
      { ready: false, serving: false, terminating: false },
      { ready: false, serving: true, terminating: true },
    ],
  );
});

test('no more than 100 endpoints a slice; an empty placeholder when nothing is selected', () => {
  const pods = Array.from({ length: 250 }, (_, i) =>
    pod(`p${String(i).padStart(3, '0')}`, `10.0.${Math.floor(i / 200)}.${(i % 200) + 1}`),
  );
  assert.deepEqual(
    desiredSlices(service, pods).map((s) => s.endpoints.length),
    [MAX_ENDPOINTS_PER_SLICE, MAX_ENDPOINTS_PER_SLICE, 50],
  );
  assert.deepEqual(desiredSlices(service, []), [{ ports: [], endpoints: [] }]);
});

test('Endpoints subsets: ready and not-ready addresses sorted by IP, terminating pods left out', () => {
  const subsets = endpointsSubsets(service, [
    pod('a', '10.0.0.10'),
    pod('b', '10.0.0.9'),
    pod('c', '10.0.0.1', { ready: false }),
    pod('d', '10.0.0.2', { deleting: true }),
  ]);
  assert.equal(subsets.length, 1);
  const [subset] = subsets;
  const ips = (addresses: { ip: string }[] | undefined): string[] => (addresses ?? []).map((a) => a.ip);
  assert.deepEqual(ips(subset?.addresses), ['10.0.0.9', '10.0.0.10']);
  assert.deepEqual(ips(subset?.notReadyAddresses), ['10.0.0.1']);
  assert.deepEqual(subset?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
});
