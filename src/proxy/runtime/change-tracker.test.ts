import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { clusterIPService, readySlice } from '../fixtures.ts';
import { lastChangeTriggerTimeAnnotation, ProxyChangeTracker } from './change-tracker.ts';

function tracker(): ProxyChangeTracker {
  return new ProxyChangeTracker('node-1', 'IPv4');
}

test('a new Service is a change; the snapshot holds it', () => {
  const changes = tracker();
  assert.equal(changes.serviceChanged(undefined, clusterIPService('ns', 'a', '10.96.0.10')), true);
  assert.equal(changes.hasPendingChanges, true);
  assert.deepEqual(
    changes.snapshot().services.map((svc) => svc.namespacedName),
    ['ns/a'],
  );
});

test('a Service update that does not touch what is proxied is dropped', () => {
  const changes = tracker();
  const service = clusterIPService('ns', 'a', '10.96.0.10');
  changes.serviceChanged(undefined, service);
  changes.takePending();
  const relabelled = { ...service, metadata: { ...service.metadata, labels: { app: 'x' }, resourceVersion: '9' } };
  assert.equal(changes.serviceChanged(service, relabelled), false);
  assert.equal(changes.hasPendingChanges, false);
  const moved = clusterIPService('ns', 'a', '10.96.0.10', 'p80', 8080);
  assert.equal(changes.serviceChanged(relabelled, moved), true);
});

test('an IPv6-only Service is a no-op for the IPv4 proxier', () => {
  const changes = tracker();
  assert.equal(changes.serviceChanged(undefined, clusterIPService('ns', 'v6', 'fd00::10')), false);
});

test('slice changes: new endpoints count, a no-op resend does not, deletion does', () => {
  const changes = tracker();
  const slice = readySlice('ns', 'a', ['10.0.0.1']);
  assert.equal(changes.endpointSliceChanged(undefined, slice), true);
  changes.takePending();
  assert.equal(changes.endpointSliceChanged(slice, { ...slice, metadata: { ...slice.metadata, uid: 'u' } }), false);
  assert.equal(changes.endpointSliceChanged(slice, readySlice('ns', 'a', ['10.0.0.1', '10.0.0.2'])), true);
  assert.equal(changes.endpointSliceChanged(slice, undefined), true);
  assert.equal(changes.snapshot().endpoints.size, 0);
});

test('trigger times: the earliest per Service, kept across a failed sync', () => {
  const changes = tracker();
  const at = (iso: string, ips: string[]) => {
    const slice = readySlice('ns', 'a', ips);
    return { ...slice, metadata: { ...slice.metadata, annotations: { [lastChangeTriggerTimeAnnotation]: iso } } };
  };
  changes.endpointSliceChanged(undefined, at('2024-01-01T00:00:05Z', ['10.0.0.1']));
  changes.endpointSliceChanged(undefined, at('2024-01-01T00:00:09Z', ['10.0.0.2']));
  const taken = changes.takePending();
  assert.deepEqual([...taken.triggerTimes], [['ns/a', Date.UTC(2024, 0, 1, 0, 0, 5)]]);
  assert.equal(changes.takePending().triggerTimes.size, 0);
  changes.requeue(taken);
  assert.equal(changes.takePending().triggerTimes.get('ns/a'), Date.UTC(2024, 0, 1, 0, 0, 5));
});

test('a change of the node labels marks the next sync as a topology change', () => {
  const changes = tracker();
  const node = (zone: string): Node => ({
    metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': zone } },
  });
  assert.equal(changes.nodeChanged(undefined, node('a')), true);
  assert.equal(changes.takePending().topologyChanged, true);
  assert.equal(changes.nodeChanged(node('a'), node('a')), false);
  assert.equal(changes.takePending().topologyChanged, false);
  assert.equal(changes.nodeChanged(node('a'), node('b')), true);
  assert.deepEqual(changes.snapshot().topologyLabels, { 'topology.kubernetes.io/zone': 'b' });
});

test('invalid objects are reported once, when they arrive, and never throw; snapshots leave them out', () => {
  const warnings: string[] = [];
  const tracker = new ProxyChangeTracker('node-1', 'IPv4', (m) => warnings.push(m));
  const hostile = { metadata: { namespace: { toString: 1 }, name: ['x'] }, spec: 'junk' };
  assert.equal(tracker.serviceChanged(undefined, hostile as never), false);
  assert.equal(tracker.endpointSliceChanged(undefined, { ...hostile, addressType: 'IPv4' } as never), false);
  const bad = readySlice('ns', 'a', ['10.244.1.2'], 'p80', 70000);
  assert.equal(tracker.endpointSliceChanged(undefined, bad), false);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0] ?? '', /^Service with invalid namespace \{"toString":1\} ignored$/);
  assert.match(warnings[1] ?? '', /ports\[0\] ignored: invalid port 70000/);
  tracker.snapshot();
  tracker.snapshot();
  assert.equal(warnings.length, 2);
});
