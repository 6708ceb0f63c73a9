import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keepZeroTable } from './keep-zero.ts';
import { findProtobufKind, PROTOBUF_KINDS } from './registry.ts';
import { buildSchema, messageInfoFor, SCHEMA_ROOT } from './schema.ts';
import { parseFieldSpec } from './schema-dsl.ts';

describe('schema language', () => {
  test('parses numbers, lists, maps, package prefixes and flags', () => {
    assert.deepEqual(parseFieldSpec('k8s.io.api.core.v1', 'ports', '1 []ServicePort'), {
      name: 'ports',
      id: 1,
      repeated: true,
      map: false,
      type: 'k8s.io.api.core.v1.ServicePort',
      pointer: false,
      required: false,
      inline: false,
    });
    const limits = parseFieldSpec('p', 'limits', '1 map<resource.Quantity>');
    assert.equal(limits.map, true);
    assert.equal(limits.type, 'k8s.io.apimachinery.pkg.api.resource.Quantity');
    const replicas = parseFieldSpec('p', 'replicas', '1 int32 ptr');
    assert.equal(replicas.type, 'int32');
    assert.equal(replicas.pointer, true);
  });

  test('refuses malformed specs', () => {
    assert.throws(() => parseFieldSpec('p', 'a', 'one string'), /bad field spec/);
    assert.throws(() => parseFieldSpec('p', 'a', '1'), /bad field spec/);
    assert.throws(() => parseFieldSpec('p', 'a', '1 string pointer'), /unknown flag 'pointer'/);
    assert.throws(() => parseFieldSpec('p', 'a', '1 nope.Thing'), /unknown package prefix/);
  });

  test('building refuses duplicate numbers and references to missing messages', () => {
    const spec = (messages: Record<string, Record<string, string>>) => [{ package: 'test.v1', messages }];
    assert.throws(() => buildSchema(spec({ A: { a: '1 string', b: '1 string' } })), /duplicate/i);
    assert.throws(() => buildSchema(spec({ A: { b: '1 Missing' } })), /no such type/i);
    assert.doesNotThrow(() => buildSchema(spec({ A: { b: '1 B' }, B: { c: '1 int64' } })));
  });
});

describe('compiled schema', () => {
  test('every registered kind has a message in the protobufjs root', () => {
    for (const kind of PROTOBUF_KINDS) {
      assert.ok(SCHEMA_ROOT.lookupType(kind.messageName), kind.messageName);
      assert.equal(messageInfoFor(kind.messageName).fullName, kind.messageName);
      assert.equal(findProtobufKind(kind.apiVersion, kind.kind), kind);
    }
    assert.equal(findProtobufKind('apps/v1', 'StatefulSet'), undefined);
  });

  test('fields are kept in declaration order and sorted by number for writing', () => {
    const status = messageInfoFor('k8s.io.api.apps.v1.DeploymentStatus');
    assert.deepEqual(status.fields.map((f) => f.name).slice(0, 4), [
      'observedGeneration',
      'replicas',
      'updatedReplicas',
      'readyReplicas',
    ]);
    assert.deepEqual(
      status.byNumber.map((f) => f.id),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  test('the keep-zero table: pointers and required fields, nothing else', () => {
    const table = keepZeroTable();
    assert.deepEqual(table.get('k8s.io.api.apps.v1.DeploymentSpec'), {
      replicas: 'pointer',
      revisionHistoryLimit: 'pointer',
      progressDeadlineSeconds: 'pointer',
      podReplacementPolicy: 'pointer',
    });
    assert.deepEqual(table.get('k8s.io.api.core.v1.ServicePort'), { appProtocol: 'pointer', port: 'required' });
    assert.equal(table.get('k8s.io.api.core.v1.ContainerPort')?.containerPort, 'required');
    assert.equal(table.get('k8s.io.api.core.v1.PodSpec')?.terminationGracePeriodSeconds, 'pointer');
    assert.equal(table.has('k8s.io.api.core.v1.NamespaceSpec'), false);
  });
});
