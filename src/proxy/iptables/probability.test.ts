import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatFixed10, probability } from './probability.ts';
import { loadKubeProxyVectors } from './testdata.ts';

const loaded = loadKubeProxyVectors();

test('every probability vector', { skip: loaded.skipReason ?? false }, () => {
  const vectors = loaded.data?.probabilityVectors ?? [];
  assert.ok(vectors.length > 10);
  for (const vector of vectors) assert.equal(probability(vector.n), vector.restoreInput, `n=${vector.n}`);
});

test('exact ties round half to even, as Go does', () => {
  // 1/2048 = 0.00048828125 exactly: Go prints ...812, toFixed would print ...813.
  assert.equal(probability(2048), '0.0004882812');
  assert.equal(probability(4096), '0.0002441406'); // 0.000244140625
  assert.equal(formatFixed10(0.5), '0.5000000000');
  assert.equal(formatFixed10(1), '1.0000000000');
});

test('agrees with toFixed away from exact ties', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
      fc.pre(!Number.isInteger(Math.log2(n)) || n < 1024);
      assert.equal(formatFixed10(1 / n), (1 / n).toFixed(10));
    }),
    { numRuns: 500 },
  );
});
