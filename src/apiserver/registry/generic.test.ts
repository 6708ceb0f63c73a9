import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findResource } from '../resources.ts';
import { genericStrategy } from './generic.ts';
import type { KubeObject, WriteContext } from './strategy.ts';

const context: WriteContext = { dryRun: false, now: new Date(0) };

function strategyFor(group: string, plural: string): ReturnType<typeof genericStrategy> {
  const info = findResource(group, plural);
  assert.ok(info);
  return genericStrategy(info);
}

test('Service names are DNS-1035 labels; Pod names DNS-1123 subdomains', () => {
  const services = strategyFor('', 'services');
  const bad = services.admitCreate({ metadata: { name: '1abc', namespace: 'default' } }, context);
  assert.equal(bad.ok, false);
  assert.match(
    bad.status.message ?? '',
    /^Service "1abc" is invalid: metadata.name: Invalid value: "1abc": a DNS-1035 label/,
  );
  const pods = strategyFor('', 'pods');
  assert.equal(pods.admitCreate({ metadata: { name: 'a.b', namespace: 'default' } }, context).ok, true);
  const missing = pods.admitCreate({ metadata: { namespace: 'default' } }, context);
  assert.equal(
    missing.ok ? '' : missing.status.message,
    'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
  );
});

test('Namespaces get the name label, the kubernetes finalizer and phase Active', () => {
  const namespaces = strategyFor('', 'namespaces');
  const result = namespaces.admitCreate({ metadata: { name: 'team', labels: { a: 'b' } } }, context);
  assert.equal(result.ok, true);
  assert.deepEqual(result.object, {
    metadata: { name: 'team', labels: { a: 'b', 'kubernetes.io/metadata.name': 'team' } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
  const old: KubeObject = { ...result.object, metadata: { ...result.object.metadata, resourceVersion: '5' } };
  const updated = namespaces.admitUpdate(
    { metadata: { name: 'team', resourceVersion: '5' }, spec: { finalizers: [] }, status: { phase: 'Terminating' } },
    old,
    context,
  );
  assert.equal(updated.ok, true);
  assert.deepEqual(updated.object['spec'], { finalizers: ['kubernetes'] });
  assert.deepEqual(updated.object['status'], { phase: 'Active' });
});

test('updates may not change identity; generation is tracked for apps kinds only', () => {
  const services = strategyFor('', 'services');
  const old = { metadata: { name: 'a', namespace: 'default', uid: 'u1', resourceVersion: '3' } };
  const renamed = services.admitUpdate({ metadata: { ...old.metadata, uid: 'u2' } }, old, context);
  assert.equal(renamed.ok, false);
  assert.equal(services.tracksGeneration, false);
  assert.equal(strategyFor('apps', 'deployments').tracksGeneration, true);
});
