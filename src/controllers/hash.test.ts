import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAFE_ALPHABET, canonicalJson, computeHash, fnv32a, safeEncodeString } from './hash.ts';

test('fnv32a matches the published FNV-1a test vectors', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  assert.equal(fnv32a(bytes('')), 0x811c9dc5);
  assert.equal(fnv32a(bytes('a')), 0xe40c292c);
  assert.equal(fnv32a(bytes('foobar')), 0xbf9cf968);
});

test('safeEncodeString maps each character by its code modulo 27', () => {
  // '0' is 48 → 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
  assert.equal(safeEncodeString('09'), `${SAFE_ALPHABET[21] ?? ''}${SAFE_ALPHABET[3] ?? ''}`);
  assert.equal(safeEncodeString('09'), '4f');
});

test('computeHash is stable under key order, changes with the template and the collision count', () => {
  const a = computeHash({ metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  const b = computeHash({ spec: { containers: [{ image: 'i', name: 'c' }] }, metadata: { labels: { app: 'x' } } });
  assert.equal(a, b);
  assert.match(a, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.notEqual(
    computeHash({ spec: { containers: [{ name: 'c', image: 'j' }] } }),
    computeHash({ spec: { containers: [{ name: 'c', image: 'i' }] } }),
  );
  assert.notEqual(computeHash({ a: 1 }, 1), computeHash({ a: 1 }));
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }), '{"a":[{"d":2}],"b":1}');
});
