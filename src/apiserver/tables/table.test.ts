import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigMap, Service } from 'kubernetes-types/core/v1.d.ts';
import { toTable } from './table.ts';
import { ago, DAY, NOW } from './testing.ts';

const kubernetes: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'kubernetes',
    namespace: 'default',
    uid: '7d7d0c5e-1b5f-4a4e-9a3c-1f1f1f1f1f1f',
    resourceVersion: '1006',
    creationTimestamp: ago(10 * DAY),
    labels: { component: 'apiserver', provider: 'kubernetes' },
  },
  spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] },
};

test('a Service list as kubectl receives it: shape, metadata, cells, PartialObjectMetadata', () => {
  const table = toTable([kubernetes], { kind: 'Service', resourceVersion: '1008', now: NOW });
  assert.equal(table.kind, 'Table');
  assert.equal(table.apiVersion, 'meta.k8s.io/v1');
  assert.deepEqual(table.metadata, { resourceVersion: '1008' });
  assert.equal(table.columnDefinitions.length, 7);
  assert.deepEqual(table.rows, [
    {
      cells: ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '10d', '<none>'],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: kubernetes.metadata },
    },
  ]);
});

test('column definitions serialize with upstream key order', () => {
  const table = toTable([], { kind: 'Service', now: NOW });
  const json = JSON.stringify(table.columnDefinitions[0]);
  assert.match(
    json,
    /^\{"name":"Name","type":"string","format":"name","description":"Name must be unique[^"]*","priority":0\}$/,
  );
  assert.equal(JSON.stringify(table.metadata), '{}');
  assert.deepEqual(table.rows, []);
});

test('includeObject=Object carries the whole object; None carries nothing', () => {
  const full = toTable([kubernetes], { kind: 'Service', includeObject: 'Object', now: NOW });
  assert.equal(full.rows[0]?.object, kubernetes);
  const none = toTable([kubernetes], { kind: 'Service', includeObject: 'None', now: NOW });
  assert.equal(none.rows[0] !== undefined && 'object' in none.rows[0], false);
  const metadata = toTable([kubernetes], { kind: 'Service', includeObject: 'Metadata', now: NOW });
  assert.deepEqual(metadata.rows[0]?.object, {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: kubernetes.metadata,
  });
});

test('kinds without a printer get Name and Age', () => {
  const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', creationTimestamp: ago(DAY) } };
  const table = toTable([cm], { kind: 'ConfigMap', resourceVersion: '5', now: NOW });
  assert.deepEqual(
    table.columnDefinitions.map((c) => [c.name, c.type, c.format]),
    [
      ['Name', 'string', 'name'],
      ['Age', 'string', ''],
    ],
  );
  assert.deepEqual(table.rows[0]?.cells, ['cfg', '24h']);
});

test('pod rows carry conditions; list paging fields and noHeaders pass through', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'job-1' }, status: { phase: 'Succeeded' } };
  const table = toTable([pod], {
    kind: 'Pod',
    resourceVersion: '9',
    continue: 'token',
    remainingItemCount: 3,
    noHeaders: true,
    now: NOW,
  });
  assert.deepEqual(table.metadata, { resourceVersion: '9', continue: 'token', remainingItemCount: 3 });
  assert.deepEqual(table.columnDefinitions, []);
  assert.equal(table.rows[0]?.conditions?.[0]?.reason, 'Succeeded');
  assert.deepEqual(Object.keys(table.rows[0] as object), ['cells', 'conditions', 'object']);
});

test('every served kind fills one cell per column', () => {
  const kinds = [
    'Service',
    'Pod',
    'Deployment',
    'ReplicaSet',
    'Endpoints',
    'EndpointSlice',
    'Node',
    'Namespace',
    'Event',
  ];
  for (const kind of kinds) {
    const table = toTable([{ apiVersion: 'v1', kind, metadata: { name: 'x' } }], { kind, now: NOW });
    assert.equal(table.rows[0]?.cells.length, table.columnDefinitions.length, kind);
  }
});
