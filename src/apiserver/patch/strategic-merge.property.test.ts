import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { JsonObject, JsonValue } from './json.ts';
import { applyMergePatch } from './merge-patch.ts';
import { SERVICE_PATCH_SCHEMA } from './schemas.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

/** JSON without arrays (where the two patch kinds differ) and with field names that are not directives. */
const key = fc.constantFrom('a', 'b', 'c', 'spec', 'metadata', 'selector');
const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const { tree } = fc.letrec<{ tree: JsonValue }>((rec) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.dictionary(key, rec('tree'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));
const object = fc.dictionary(key, tree, { maxKeys: 4, noNullPrototype: true }) as fc.Arbitrary<JsonObject>;

test('without lists or directives, a strategic merge patch is a JSON merge patch', () => {
  fc.assert(
    fc.property(object, object, (target, patch) => {
      const strategic = applyStrategicMergePatch(target, patch, SERVICE_PATCH_SCHEMA);
      assert.ok(strategic.ok);
      assert.deepEqual(strategic.value, applyMergePatch(target, patch));
    }),
  );
});

test('a strategic merge patch of {} is the identity', () => {
  fc.assert(
    fc.property(object, (target) => {
      const result = applyStrategicMergePatch(target, {}, SERVICE_PATCH_SCHEMA);
      assert.ok(result.ok);
      assert.deepEqual(result.value, target);
    }),
  );
});
