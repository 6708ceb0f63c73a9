import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEPLOYMENT_PATCH_SCHEMA,
  NODE_PATCH_SCHEMA,
  PATCH_SCHEMAS,
  patchSchemaFor,
  POD_PATCH_SCHEMA,
  REPLICA_SET_PATCH_SCHEMA,
  SERVICE_PATCH_SCHEMA,
} from './schemas.ts';

test('every served kind has a schema', () => {
  assert.deepEqual(Object.keys(PATCH_SCHEMAS).sort(), [
    'Deployment',
    'EndpointSlice',
    'Endpoints',
    'Event',
    'Namespace',
    'Node',
    'Pod',
    'ReplicaSet',
    'Service',
  ]);
});

test('the merge keys of the Go struct tags', () => {
  assert.deepEqual(SERVICE_PATCH_SCHEMA['spec.ports'], { mergeKey: 'port' });
  assert.deepEqual(SERVICE_PATCH_SCHEMA['metadata.ownerReferences'], { mergeKey: 'uid' });
  assert.deepEqual(SERVICE_PATCH_SCHEMA['metadata.finalizers'], {});
  assert.deepEqual(POD_PATCH_SCHEMA['spec.containers'], { mergeKey: 'name' });
  assert.deepEqual(POD_PATCH_SCHEMA['spec.initContainers'], { mergeKey: 'name' });
  assert.deepEqual(POD_PATCH_SCHEMA['spec.containers[].ports'], { mergeKey: 'containerPort' });
  assert.deepEqual(POD_PATCH_SCHEMA['spec.initContainers[].env'], { mergeKey: 'name' });
  assert.deepEqual(POD_PATCH_SCHEMA['spec.containers[].volumeMounts'], { mergeKey: 'mountPath' });
  assert.deepEqual(POD_PATCH_SCHEMA['spec.volumes'], { mergeKey: 'name' });
  assert.deepEqual(POD_PATCH_SCHEMA['spec.imagePullSecrets'], { mergeKey: 'name' });
  assert.deepEqual(POD_PATCH_SCHEMA['spec.hostAliases'], { mergeKey: 'ip' });
  assert.deepEqual(POD_PATCH_SCHEMA['status.conditions'], { mergeKey: 'type' });
  for (const schema of [DEPLOYMENT_PATCH_SCHEMA, REPLICA_SET_PATCH_SCHEMA]) {
    assert.deepEqual(schema['spec.template.spec.containers[].env'], { mergeKey: 'name' });
    assert.deepEqual(schema['status.conditions'], { mergeKey: 'type' });
  }
  assert.deepEqual(NODE_PATCH_SCHEMA['status.addresses'], { mergeKey: 'type' });
});

test('lists without tags are absent, so they are replaced', () => {
  for (const path of [
    'spec.externalIPs',
    'spec.selector.matchExpressions',
    'spec.tolerations',
    'spec.containers[].args',
  ]) {
    assert.equal(POD_PATCH_SCHEMA[path] ?? SERVICE_PATCH_SCHEMA[path], undefined, path);
  }
  assert.equal(PATCH_SCHEMAS.Endpoints?.subsets, undefined);
  assert.equal(PATCH_SCHEMAS.EndpointSlice?.endpoints, undefined);
});

test('other kinds merge only their metadata lists', () => {
  assert.deepEqual(patchSchemaFor('ConfigMap'), {
    'metadata.finalizers': {},
    'metadata.ownerReferences': { mergeKey: 'uid' },
  });
  assert.deepEqual(patchSchemaFor(undefined), patchSchemaFor('ConfigMap'));
  assert.equal(patchSchemaFor('Service'), SERVICE_PATCH_SCHEMA);
});
