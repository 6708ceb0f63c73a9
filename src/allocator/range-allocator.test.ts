import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { seededRandom } from './random.ts';
import { RANGE_MISMATCH_MESSAGE, RangeAllocator } from './range-allocator.ts';

test('dynamic allocation stays above the static band until the upper band is full', () => {
  const pool = new RangeAllocator(100, 'r', { staticBandSize: 20, random: seededRandom(7) });
  const picks: number[] = [];
  for (let i = 0; i < 80; i++) picks.push(pool.allocateNext() ?? -1);
  assert.ok(
    picks.every((offset) => offset >= 20 && offset < 100),
    'all 80 in the upper band',
  );
  assert.equal(new Set(picks).size, 80);
  const fallback: number[] = [];
  for (let i = 0; i < 20; i++) fallback.push(pool.allocateNext() ?? -1);
  assert.deepEqual(
    [...fallback].sort((a, b) => a - b),
    [...Array(20).keys()],
  );
  assert.equal(pool.allocateNext(), undefined);
  assert.equal(pool.free(), 0);
});

test('user picks work in either band, and dynamic picks avoid them', () => {
  const pool = new RangeAllocator(40, 'r', { staticBandSize: 16, random: seededRandom(1) });
  assert.equal(pool.allocate(3), true);
  assert.equal(pool.allocate(30), true);
  assert.equal(pool.allocate(30), false);
  for (let i = 0; i < 23; i++) assert.notEqual(pool.allocateNext(), 30);
  assert.equal(pool.used(), 25);
  assert.throws(() => pool.allocate(40), RangeError);
});

test('the static band must be smaller than the range', () => {
  assert.throws(() => new RangeAllocator(16, 'r', { staticBandSize: 16 }), RangeError);
  assert.doesNotThrow(() => new RangeAllocator(16, 'r', { staticBandSize: 0 }));
});

test('snapshot and restore round-trip; restore refuses another range', () => {
  const pool = new RangeAllocator(50, 'a', { staticBandSize: 16, random: seededRandom(3) });
  pool.allocate(1);
  pool.allocateNext();
  const saved = pool.snapshot();
  pool.allocateNext();
  pool.release(1);
  pool.restore(saved);
  assert.deepEqual(pool.snapshot(), saved);
  assert.equal(pool.used(), 2);
  assert.throws(
    () => {
      new RangeAllocator(50, 'b').restore(saved);
    },
    { message: RANGE_MISMATCH_MESSAGE },
  );
});

test('a range is full after exactly `size` dynamic allocations (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 120 }), fc.integer(), (size, seed) => {
      const band = size > 16 ? 16 : 0;
      const pool = new RangeAllocator(size, 'r', { staticBandSize: band, random: seededRandom(seed) });
      const seen = new Set<number>();
      for (let i = 0; i < size; i++) {
        const offset = pool.allocateNext();
        assert.ok(offset !== undefined && offset >= 0 && offset < size && !seen.has(offset));
        // Until the upper band is exhausted, no pick lands in the static band.
        if (i < size - band) assert.ok(offset >= band);
        seen.add(offset);
      }
      assert.equal(pool.allocateNext(), undefined);
      assert.equal(pool.free(), 0);
    }),
    { numRuns: 100 },
  );
});

test('allocate then release restores the state (property)', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.nat({ max: 63 }), { maxLength: 30 }), fc.nat({ max: 63 }), (taken, extra) => {
      const pool = new RangeAllocator(64, 'r', { staticBandSize: 16 });
      for (const offset of taken) pool.allocate(offset);
      const before = pool.snapshot();
      if (pool.allocate(extra)) pool.release(extra);
      const next = pool.allocateNext();
      if (next !== undefined) pool.release(next);
      assert.deepEqual(pool.snapshot(), before);
    }),
    { numRuns: 200 },
  );
});
