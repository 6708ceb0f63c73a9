import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from './codec.ts';
import { PROTOBUF_KINDS } from './registry.ts';
import { REPRESENTATIVE_OBJECTS } from './testing-objects.ts';

describe('JSON → protobuf → JSON gives back representative objects', () => {
  for (const object of REPRESENTATIVE_OBJECTS) {
    test(`${String(object.apiVersion)} ${String(object.kind)}`, () => {
      const decoded = decodeKubernetesProtobuf(encodeKubernetesProtobuf(object));
      assert.deepEqual(decoded.object, object);
      assert.deepEqual(decoded.unknownFields, []);
    });
  }

  test('every registered kind is covered (Service: by the property test)', () => {
    const covered = new Set(
      REPRESENTATIVE_OBJECTS.map((object) => `${String(object.apiVersion)}/${String(object.kind)}`),
    );
    const kinds = PROTOBUF_KINDS.map((entry) => `${entry.apiVersion}/${entry.kind}`).filter(
      (gvk) => gvk !== 'v1/Service',
    );
    const missing = kinds.filter((gvk) => !covered.has(gvk));
    assert.deepEqual(missing, []);
  });

  test('absent non-pointer structs come back as {} and absent zero scalars stay absent', () => {
    const { object } = decodeKubernetesProtobuf(encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'Service' }));
    assert.deepEqual(object, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {},
      spec: {},
      status: { loadBalancer: {} },
    });
  });
});
