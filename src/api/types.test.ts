import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEndpointSlice, isService, type KubeObject } from './types.ts';

test('type guards go by apiVersion and kind', () => {
  const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } };
  const slice: KubeObject = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' };
  assert.equal(isService(svc), true);
  assert.equal(isService(slice), false);
  assert.equal(isService({ apiVersion: 'v2', kind: 'Service' }), false);
  assert.equal(isService({ kind: 'Service' }), false);
  assert.equal(isEndpointSlice(slice), true);
  assert.equal(isEndpointSlice({ apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice' }), false);
  assert.equal(isEndpointSlice(svc), false);
});
