import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findResource } from '../resources.ts';
import { convertFieldLabel, fieldValue } from './field-labels.ts';
import { parseFieldSelector } from './field-selector.ts';

test('terms split on unescaped commas, operators !=, == and =, values unescaped', () => {
  assert.deepEqual(parseFieldSelector('metadata.name=a\\,b,spec.type!=NodePort,metadata.namespace==x'), {
    ok: true,
    requirements: [
      { field: 'metadata.name', operator: '=', value: 'a,b' },
      { field: 'metadata.namespace', operator: '=', value: 'x' },
      { field: 'spec.type', operator: '!=', value: 'NodePort' },
    ],
  });
  assert.deepEqual(parseFieldSelector(''), { ok: true, requirements: [] });
});

test('malformed selectors give upstream errors', () => {
  assert.deepEqual(parseFieldSelector('nonsense'), {
    ok: false,
    error: "invalid selector: 'nonsense'; can't understand 'nonsense'",
  });
  assert.equal(parseFieldSelector('a=b\\x').ok, false);
});

test('per-kind field labels and the default conversion', () => {
  const services = findResource('', 'services');
  const deployments = findResource('apps', 'deployments');
  const pods = findResource('', 'pods');
  assert.ok(services && deployments && pods);
  assert.deepEqual(convertFieldLabel(services, 'spec.clusterIP'), { ok: true, field: 'spec.clusterIP' });
  assert.deepEqual(convertFieldLabel(services, 'spec.ports'), {
    ok: false,
    error: 'field label not supported: spec.ports',
  });
  assert.deepEqual(convertFieldLabel(pods, 'spec.host'), { ok: true, field: 'spec.nodeName' });
  assert.deepEqual(convertFieldLabel(deployments, 'spec.replicas'), {
    ok: false,
    error: '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
  });
});

test('field values are strings, with upstream defaults for unset booleans', () => {
  const event = { involvedObject: { name: 'web', kind: 'Service' }, source: { component: 'kubelet' } };
  assert.equal(fieldValue(event, 'involvedObject.name'), 'web');
  assert.equal(fieldValue(event, 'source'), 'kubelet');
  assert.equal(fieldValue({ spec: {} }, 'spec.hostNetwork'), 'false');
  assert.equal(fieldValue({ status: { replicas: 3 } }, 'status.replicas'), '3');
  assert.equal(fieldValue({}, 'metadata.name'), '');
});
