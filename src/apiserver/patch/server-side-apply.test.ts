import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from './json.ts';
import { applyServerSideApply, FIELD_MANAGER_REQUIRED } from './server-side-apply.ts';
import { deepFreeze } from './testing.ts';

const manifest = deepFreeze({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'ssa-svc', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
});

test('apply without an existing object creates it (201)', () => {
  const result = applyServerSideApply(undefined, manifest, 'kubectl');
  assert.ok(result.ok);
  assert.equal(result.created, true);
  assert.deepEqual(result.object, manifest);
  assert.notEqual(result.object, manifest);
});

test('apply onto a live object merges: lists by merge key, allocated fields kept (200)', () => {
  const live = deepFreeze({
    ...manifest,
    metadata: { ...manifest.metadata, uid: 'u-1', resourceVersion: '12', labels: { app: 'web', team: 'a' } },
    spec: {
      ...manifest.spec,
      type: 'NodePort',
      clusterIP: '10.96.0.44',
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 31000 }],
    },
  });
  const applied = { ...manifest, spec: { ...manifest.spec, ports: [{ port: 80, targetPort: 9090, protocol: 'TCP' }] } };
  const result = applyServerSideApply(live, applied, 'kubectl');
  assert.ok(result.ok);
  assert.equal(result.created, false);
  const spec = result.object.spec as JsonObject;
  assert.deepEqual(spec.ports, [{ port: 80, targetPort: 9090, protocol: 'TCP', nodePort: 31000 }]);
  assert.equal(spec.clusterIP, '10.96.0.44');
  assert.deepEqual((result.object.metadata as JsonObject).labels, { app: 'web', team: 'a' });
});

test('a missing fieldManager is a 400 with upstream message', () => {
  const result = applyServerSideApply(undefined, manifest, '');
  assert.ok(!result.ok);
  assert.deepEqual([result.error.code, result.error.message], [400, FIELD_MANAGER_REQUIRED]);
  assert.equal(FIELD_MANAGER_REQUIRED, 'PATCH, application/apply-patch+yaml requires fieldManager to be set');
});

test('a body that is not an object is a 400; directives in it are never stored', () => {
  const bad = applyServerSideApply(undefined, ['x'], 'kubectl');
  assert.ok(!bad.ok);
  assert.equal(bad.error.code, 400);
  const created = applyServerSideApply(undefined, { kind: 'Service', metadata: { name: 'x', $patch: 'merge' } }, 'm');
  assert.ok(created.ok);
  assert.deepEqual(created.object, { kind: 'Service', metadata: { name: 'x' } });
});
