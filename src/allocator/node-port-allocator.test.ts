import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NodePortAllocator, PORT_RANGE_MISMATCH_MESSAGE } from './node-port-allocator.ts';
import { seededRandom } from './random.ts';

test('messages are upstream words', () => {
  const pool = new NodePortAllocator();
  assert.equal(pool.allocate(30100), undefined);
  const cases: [number, string, string][] = [
    [80, 'NotInRange', 'provided port is not in the valid range. The range of valid ports is 30000-32767'],
    [32768, 'NotInRange', 'provided port is not in the valid range. The range of valid ports is 30000-32767'],
    [30100, 'AlreadyAllocated', 'provided port is already allocated'],
  ];
  for (const [port, code, message] of cases) assert.deepEqual(pool.allocate(port), { code, message }, String(port));
  const tiny = new NodePortAllocator({ base: 40000, size: 1 });
  assert.deepEqual(tiny.allocateNext(), { ok: true, value: 40000 });
  assert.deepEqual(tiny.allocateNext(), { ok: false, error: { code: 'RangeFull', message: 'range is full' } });
});

test('the default range reserves 30000-30085 for static picks', () => {
  const pool = new NodePortAllocator(undefined, { random: seededRandom(11) });
  assert.equal(pool.staticBandSize, 86);
  for (let i = 0; i < 500; i++) {
    const result = pool.allocateNext();
    assert.ok(result.ok && result.value >= 30086 && result.value <= 32767);
  }
  assert.equal(pool.allocate(30000), undefined);
  assert.equal(pool.allocate(30085), undefined);
});

test('dynamic picks reach the static band only once the upper band is full', () => {
  // 100 ports: a static band of 16 (30000-30015) and 84 dynamic ports.
  const pool = new NodePortAllocator({ base: 30000, size: 100 }, { random: seededRandom(5) });
  assert.equal(pool.staticBandSize, 16);
  const upper = Array.from({ length: 84 }, () => pool.allocateNext());
  assert.ok(upper.every((r) => r.ok && r.value >= 30016));
  const lower = Array.from({ length: 16 }, () => pool.allocateNext());
  assert.ok(lower.every((r) => r.ok && r.value < 30016));
  assert.equal(pool.free(), 0);
  assert.equal(pool.used(), 100);
  assert.equal(pool.allocateNext().ok, false);
});

test('release, has and values', () => {
  const pool = new NodePortAllocator();
  pool.allocate(30001);
  pool.allocate(31000);
  assert.deepEqual(pool.values(), [30001, 31000]);
  assert.equal(pool.has(30001), true);
  pool.release(30001);
  pool.release(30001);
  pool.release(80);
  assert.equal(pool.has(30001), false);
  assert.equal(pool.has(80), false);
  assert.deepEqual(pool.values(), [31000]);
});

test('snapshot and restore; a snapshot of another range is refused', () => {
  const pool = new NodePortAllocator();
  pool.allocate(30005);
  const saved = pool.snapshot();
  assert.equal(saved.range, '30000-32767');
  pool.allocate(30006);
  pool.restore(saved);
  assert.deepEqual(pool.values(), [30005]);
  assert.throws(
    () => {
      new NodePortAllocator({ base: 30000, size: 10 }).restore(saved);
    },
    {
      message: PORT_RANGE_MISMATCH_MESSAGE,
    },
  );
});

test('a small range is full after exactly size allocations, with no port given twice (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 80 }), fc.integer(), (size, seed) => {
      const pool = new NodePortAllocator({ base: 31000, size }, { random: seededRandom(seed) });
      const given = new Set<number>();
      for (let i = 0; i < size; i++) {
        const result = pool.allocateNext();
        assert.ok(result.ok && pool.contains(result.value) && !given.has(result.value));
        given.add(result.value);
      }
      assert.deepEqual(pool.allocateNext(), { ok: false, error: { code: 'RangeFull', message: 'range is full' } });
    }),
    { numRuns: 100 },
  );
});
