import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyMergePatch } from './merge-patch.ts';
import { deepFreeze } from './testing.ts';

test('RFC 7386 appendix A: every example', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, result] of cases) {
    assert.deepEqual(applyMergePatch(target, patch), result, JSON.stringify([target, patch]));
  }
});

test('RFC 7386 section 3: the worked example', () => {
  const target = {
    title: 'Goodbye!',
    author: { givenName: 'John', familyName: 'Doe' },
    tags: ['example', 'sample'],
    content: 'This will be unchanged',
  };
  const patch = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
  assert.deepEqual(applyMergePatch(target, patch), {
    title: 'Hello!',
    author: { givenName: 'John' },
    tags: ['example'],
    content: 'This will be unchanged',
    phoneNumber: '+01-123-456-7890',
  });
});

test('kubectl patch --type=merge and scale bodies', () => {
  const deployment = { spec: { replicas: 1, paused: true, template: { metadata: { labels: { app: 'x' } } } } };
  assert.deepEqual(applyMergePatch(deployment, { spec: { replicas: 3, paused: null } }), {
    spec: { replicas: 3, template: { metadata: { labels: { app: 'x' } } } },
  });
});

test('inputs are never changed and the result shares nothing with them', () => {
  const target = deepFreeze({ a: { b: 1 }, list: [{ x: 1 }] });
  const patch = deepFreeze({ a: { c: { d: 2 } }, e: [1] });
  const result = applyMergePatch(target, patch) as { a: { c: object }; list: object[]; e: number[] };
  assert.deepEqual(result, { a: { b: 1, c: { d: 2 } }, list: [{ x: 1 }], e: [1] });
  assert.notEqual(result.a.c, patch.a.c);
  assert.notEqual(result.list, target.list);
});

test('a __proto__ key is an ordinary field', () => {
  const result = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(result), ['__proto__']);
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
