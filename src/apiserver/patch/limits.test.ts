import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyJsonPatch } from './json-patch.ts';
import { applyMergePatch } from './merge-patch.ts';
import { MAX_PATCHED_BYTES, checkPatchedSize, measure } from './limits.ts';

test('more than 10,000 JSON patch operations is a 413 in kube-apiserver words', () => {
  const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/a', value: 1 }));
  const result = applyJsonPatch({ a: 1 }, ops);
  assert.ok(!result.ok);
  assert.equal(result.error.code, 413);
  assert.equal(result.error.reason, 'RequestEntityTooLarge');
  assert.equal(
    result.error.message,
    'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
  );
  assert.ok(applyJsonPatch({ a: 1 }, ops.slice(1)).ok);
});

test('copies that would double the object 20 times stop at the copy limit, before the object is built', () => {
  // Each copy doubles /a: 20 of them would make 2^20 copies of a 1 KB string.
  const ops = Array.from({ length: 20 }, (_, i) => ({ op: 'copy', from: '/a', path: `/a/c${String(i)}` }));
  const result = applyJsonPatch({ a: { s: 'x'.repeat(1024) } }, ops);
  assert.ok(!result.ok);
  assert.equal(result.error.code, 422);
  assert.match(
    result.error.detail,
    /^Unable to complete the copy, the accumulated size increase of copy is \d+, exceeding the limit 3145728$/,
  );
});

test('adds past 3 MiB are a 413; a copy nesting the object past the depth limit is a 422', () => {
  const big = 'y'.repeat(1024 * 1024);
  const adds = [0, 1, 2, 3].map((i) => ({ op: 'add', path: `/v${String(i)}`, value: big }));
  const tooLarge = applyJsonPatch({}, adds);
  assert.ok(!tooLarge.ok);
  assert.equal(tooLarge.error.code, 413);
  assert.equal(tooLarge.error.message, 'Request entity too large: limit is 3145728');
  let nested: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 300; i++) nested = { a: nested };
  const copies = [{ op: 'copy', from: '/a', path: '/a' + '/a'.repeat(299) + '/b' }];
  const deep = applyJsonPatch(nested, copies);
  assert.ok(!deep.ok);
  assert.equal(deep.error.code, 422);
  assert.equal(deep.error.detail, "invalid character '{' exceeded max depth");
});

test('merge patch results are held to the same size limit', () => {
  const merged = applyMergePatch({ a: 'x'.repeat(2 * 1024 * 1024) }, { b: 'y'.repeat(2 * 1024 * 1024) });
  assert.equal(checkPatchedSize(merged)?.code, 413);
  assert.equal(checkPatchedSize({ a: 'x' }), undefined);
});

test('measure counts JSON bytes and depth, and stops early past its budget', () => {
  assert.deepEqual(measure({ a: [1, 'xy'] }), { bytes: JSON.stringify({ a: [1, 'xy'] }).length, depth: 2 });
  const huge = Array.from({ length: 100_000 }, () => 'z'.repeat(100));
  // The whole would be about 10 MB; measuring stops after the first element past the budget.
  assert.ok(measure(huge, 1000).bytes < 200_000);
  assert.ok(MAX_PATCHED_BYTES === 3 * 1024 * 1024);
});
