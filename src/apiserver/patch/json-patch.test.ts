import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNPROCESSABLE_PATCH_MESSAGE } from './errors.ts';
import type { JsonValue } from './json.ts';
import { applyJsonPatch } from './json-patch.ts';
import { deepFreeze } from './testing.ts';

function ok(target: unknown, ops: unknown): JsonValue {
  const result = applyJsonPatch(target, ops);
  if (!result.ok) assert.fail(result.error.detail);
  return result.value;
}

function failure(target: unknown, ops: unknown) {
  const result = applyJsonPatch(target, ops);
  if (result.ok) assert.fail(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

test('RFC 6902 appendix A: add, remove, replace, move, test, escaping', () => {
  assert.deepEqual(ok({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }]), { foo: 'bar', baz: 'qux' });
  assert.deepEqual(ok({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }]), {
    foo: ['bar', 'qux', 'baz'],
  });
  assert.deepEqual(ok({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }]), { foo: 'bar' });
  assert.deepEqual(ok({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }]), { foo: ['bar', 'baz'] });
  assert.deepEqual(ok({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }]), {
    baz: 'boo',
    foo: 'bar',
  });
  const moved = ok({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [
    { op: 'move', from: '/foo/waldo', path: '/qux/thud' },
  ]);
  assert.deepEqual(moved, { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } });
  assert.deepEqual(ok({ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }]), {
    foo: ['all', 'cows', 'eat', 'grass'],
  });
  const tested = { baz: 'qux', foo: ['a', 2, 'c'] };
  const tests = [
    { op: 'test', path: '/baz', value: 'qux' },
    { op: 'test', path: '/foo/1', value: 2 },
  ];
  assert.deepEqual(ok(tested, tests), tested);
  assert.deepEqual(ok({ foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }]), {
    foo: 'bar',
    child: { grandchild: {} },
  });
  assert.deepEqual(ok({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }]), {
    foo: 'bar',
    baz: 'qux',
  });
  assert.deepEqual(ok({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }]), { '/': 9, '~1': 10 });
  assert.deepEqual(ok({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }]), {
    foo: ['bar', ['abc', 'def']],
  });
  assert.deepEqual(ok({ a: 1 }, [{ op: 'copy', from: '/a', path: '/b' }]), { a: 1, b: 1 });
});

test('RFC 6902 appendix A: failing tests and missing targets are 422s', () => {
  const error = failure({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]);
  assert.equal(error.code, 422);
  assert.equal(error.reason, 'Invalid');
  assert.equal(error.message, UNPROCESSABLE_PATCH_MESSAGE);
  assert.equal(error.detail, 'testing value /baz failed: test failed');
  assert.equal(failure({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]).code, 422);
  const missing = failure({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]);
  assert.equal(missing.detail, 'add operation does not apply: doc is missing path: "/baz/bat": missing value');
});

test('what kubectl patch --type=json sends', () => {
  const deployment = {
    metadata: { labels: { app: 'web' } },
    spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }] } } },
  };
  const result = ok(deployment, [
    { op: 'replace', path: '/spec/replicas', value: 3 },
    { op: 'add', path: '/metadata/labels/tier', value: 'front' },
    { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.27' },
    { op: 'remove', path: '/metadata/labels/app' },
  ]);
  assert.deepEqual(result, {
    metadata: { labels: { tier: 'front' } },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'a', image: 'nginx:1.27' }] } } },
  });
});

test('bad paths: remove or replace of a missing key, out-of-range index, move into a child', () => {
  assert.equal(
    failure({ a: {} }, [{ op: 'remove', path: '/a/b' }]).detail,
    "error in remove for path: '/a/b': Unable to remove nonexistent key: b: missing value",
  );
  assert.equal(
    failure({ a: {} }, [{ op: 'replace', path: '/a/b', value: 1 }]).detail,
    'replace operation does not apply: doc is missing path: "/a/b": missing value',
  );
  assert.equal(failure({ a: [1] }, [{ op: 'add', path: '/a/5', value: 2 }]).code, 422);
  assert.equal(failure({ a: [1] }, [{ op: 'remove', path: '/a/1' }]).code, 422);
  assert.equal(failure({ a: [1] }, [{ op: 'add', path: '/a/01', value: 2 }]).code, 422);
  assert.equal(failure({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]).code, 422);
  assert.equal(failure({ a: 1 }, [{ op: 'copy', from: '/missing', path: '/b' }]).code, 422);
  assert.equal(failure({ a: 1 }, [{ op: 'add', path: 'a', value: 2 }]).code, 422);
  assert.equal(failure({ a: 1 }, [{ op: 'add', path: '/b' }]).code, 422);
});

test('unknown operations are 422 "Unexpected kind"; a body that is not a list is 400', () => {
  assert.equal(failure({}, [{ op: 'merge', path: '/a' }]).detail, 'Unexpected kind: merge');
  assert.equal(failure({}, [{ path: '/a' }]).detail, 'Unexpected kind: unknown');
  const bad = failure({}, { op: 'add', path: '/a', value: 1 });
  assert.equal(bad.code, 400);
  assert.equal(bad.reason, 'BadRequest');
  assert.equal(failure({}, ['add']).code, 400);
});

test('operations apply in order, all or nothing, and never touch the input', () => {
  const target = deepFreeze({ spec: { replicas: 1 }, list: [1, 2] });
  const error = failure(target, [
    { op: 'replace', path: '/spec/replicas', value: 5 },
    { op: 'remove', path: '/nope' },
  ]);
  assert.equal(error.code, 422);
  assert.deepEqual(target, { spec: { replicas: 1 }, list: [1, 2] });
  assert.deepEqual(ok(target, [{ op: 'move', from: '/list/0', path: '/list/-' }]), {
    spec: { replicas: 1 },
    list: [2, 1],
  });
  assert.deepEqual(ok(target, [{ op: 'replace', path: '', value: { x: 1 } }]), { x: 1 });
  assert.deepEqual(ok(target, []), target);
});
