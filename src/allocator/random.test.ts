import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRandom, seededRandom } from './random.ts';

test('a seeded source replays the same sequence and stays in bounds', () => {
  const first = seededRandom(42);
  const second = seededRandom(42);
  const a = Array.from({ length: 50 }, () => first.nextInt(1000));
  const b = Array.from({ length: 50 }, () => second.nextInt(1000));
  assert.deepEqual(a, b);
  assert.ok(a.every((n) => Number.isInteger(n) && n >= 0 && n < 1000));
  assert.ok(new Set(a).size > 40, 'values spread out');
  const other = seededRandom(43);
  assert.notDeepEqual(
    Array.from({ length: 50 }, () => other.nextInt(1000)),
    a,
  );
});

test('the default source stays in bounds', () => {
  for (let i = 0; i < 200; i++) {
    const n = defaultRandom.nextInt(7);
    assert.ok(n >= 0 && n < 7 && Number.isInteger(n));
  }
});
