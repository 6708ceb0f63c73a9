import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { JsonObject, JsonValue } from './json.ts';
import { applyMergePatch } from './merge-patch.ts';

const key: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'metadata', 'spec', 'replicas', 'x-y');
const object = fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { noNullPrototype: true }) as fc.Arbitrary<JsonObject>;
/** Values a "set this key" patch carries: anything but null (which deletes) and objects (which merge). */
const settable = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
) as fc.Arbitrary<JsonValue>;

test('merge patch with {} is the identity on objects', () => {
  fc.assert(
    fc.property(object, (target) => {
      assert.deepEqual(applyMergePatch(target, {}), target);
    }),
  );
});

test('a patch that sets keys yields exactly those values and leaves other keys alone', () => {
  fc.assert(
    fc.property(object, fc.dictionary(key, settable, { noNullPrototype: true }), (target, set) => {
      const result = applyMergePatch(target, set) as JsonObject;
      for (const [k, v] of Object.entries(set)) assert.deepEqual(result[k], v);
      for (const k of Object.keys(target)) if (!(k in set)) assert.deepEqual(result[k], target[k]);
    }),
  );
});

test('a patch that nulls keys removes exactly those keys', () => {
  fc.assert(
    fc.property(object, fc.uniqueArray(key), (target, drop) => {
      const result = applyMergePatch(target, Object.fromEntries(drop.map((k) => [k, null]))) as JsonObject;
      assert.deepEqual(
        Object.keys(result).sort(),
        Object.keys(target)
          .filter((k) => !drop.includes(k))
          .sort(),
      );
    }),
  );
});
