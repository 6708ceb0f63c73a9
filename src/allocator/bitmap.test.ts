import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Bitmap } from './bitmap.ts';

test('set, clear and has keep the count', () => {
  const map = new Bitmap(70);
  assert.equal(map.set(0), true);
  assert.equal(map.set(0), false);
  assert.equal(map.set(69), true);
  assert.equal(map.count, 2);
  assert.equal(map.has(69), true);
  assert.equal(map.has(70), false);
  assert.equal(map.clear(0), true);
  assert.equal(map.clear(0), false);
  assert.equal(map.count, 1);
  assert.throws(() => map.set(70), RangeError);
  assert.throws(() => map.set(-1), RangeError);
});

test('firstClear skips full words and honours both bounds', () => {
  const map = new Bitmap(100);
  for (let i = 0; i < 64; i++) map.set(i);
  assert.equal(map.firstClear(0, 100), 64);
  assert.equal(map.firstClear(10, 64), -1);
  map.set(64);
  assert.equal(map.firstClear(64, 66), 65);
  for (let i = 65; i < 100; i++) map.set(i);
  assert.equal(map.firstClear(0, 100), -1);
  map.clear(99);
  assert.equal(map.firstClear(0, 99), -1);
  assert.equal(map.firstClear(0, 100), 99);
});

test('bytes follow Go big.Int.Bytes(): big-endian, no leading zeros', () => {
  const cases: [number[], number[]][] = [
    [[], []],
    [[0], [0x01]],
    [[8], [0x01, 0x00]],
    [
      [0, 9],
      [0x02, 0x01],
    ],
    [
      [31, 32],
      [0x01, 0x80, 0x00, 0x00, 0x00],
    ],
  ];
  for (const [bits, bytes] of cases) {
    const map = new Bitmap(64);
    for (const bit of bits) map.set(bit);
    assert.deepEqual([...map.toBytes()], bytes, `bits ${bits.join(',')}`);
    const back = Bitmap.fromBytes(64, map.toBytes());
    const seen: number[] = [];
    back.forEach((bit) => seen.push(bit));
    assert.deepEqual(seen, bits);
    assert.equal(back.count, bits.length);
  }
});

test('behaves as a set of integers (property)', () => {
  const op = fc.tuple(fc.boolean(), fc.nat({ max: 199 }));
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const map = new Bitmap(200);
      const model = new Set<number>();
      for (const [add, index] of ops) {
        assert.equal(add ? map.set(index) : map.clear(index), add ? !model.has(index) : model.has(index));
        if (add) model.add(index);
        else model.delete(index);
      }
      const listed: number[] = [];
      map.forEach((index) => listed.push(index));
      assert.deepEqual(
        listed,
        [...model].sort((a, b) => a - b),
      );
      assert.equal(map.count, model.size);
      const firstFree = [...Array(200).keys()].find((i) => !model.has(i)) ?? -1;
      assert.equal(map.firstClear(0, 200), firstFree);
      assert.deepEqual(Bitmap.fromBytes(200, map.toBytes()).toBytes(), map.toBytes());
    }),
    { numRuns: 200 },
  );
});
