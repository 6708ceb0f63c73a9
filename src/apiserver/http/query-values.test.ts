import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from './query.ts';
import { parseGoInt64, queryBool } from './query-values.ts';

test('booleans convert as kube-apiserver converts them: only absent, 0 and false (any case) are false', () => {
  const truthy = ['1', 't', 'T', 'TRUE', 'true', 'True', 'yes', ''];
  const falsy = ['0', 'false', 'False', 'FALSE', 'fAlSe'];
  for (const value of truthy) assert.equal(queryBool(new URLSearchParams({ watch: value }), 'watch'), true, value);
  for (const value of falsy) assert.equal(queryBool(new URLSearchParams({ watch: value }), 'watch'), false, value);
  assert.equal(queryBool(new URLSearchParams(), 'watch'), false);
});

test("the Python client's watch=True is a watch, and every boolean parameter reads the same way", () => {
  const query = parseQuery('/api/v1/pods?watch=True&allowWatchBookmarks=TRUE&sendInitialEvents=False&force=t');
  assert.ok(query.ok);
  assert.equal(query.value.watch, true);
  assert.equal(query.value.allowWatchBookmarks, true);
  assert.equal(query.value.sendInitialEvents, false);
  assert.equal(query.value.force, true);
});

test("integers are Go's ParseInt: a malformed or out-of-range one is a 400 in Go's words", () => {
  assert.deepEqual(parseGoInt64('-5'), { ok: true, value: -5 });
  assert.deepEqual(parseGoInt64('+7'), { ok: true, value: 7 });
  for (const [url, message] of [
    ['/api/v1/pods?timeoutSeconds=abc', 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ['/api/v1/pods?limit=1.5', 'strconv.ParseInt: parsing "1.5": invalid syntax'],
    [
      '/api/v1/pods?gracePeriodSeconds=9223372036854775808',
      'strconv.ParseInt: parsing "9223372036854775808": value out of range',
    ],
    ['/api/v1/pods?timeoutSeconds=1e3', 'strconv.ParseInt: parsing "1e3": invalid syntax'],
  ] as const) {
    const query = parseQuery(url);
    assert.ok(!query.ok, url);
    assert.equal(query.status.code, 400);
    assert.equal(query.status.message, message);
  }
  const fine = parseQuery('/api/v1/pods?gracePeriodSeconds=9223372036854775807&timeoutSeconds=-1&limit=');
  assert.ok(fine.ok);
  assert.equal(fine.value.timeoutSeconds, -1);
  assert.equal(fine.value.gracePeriodSeconds, 2 ** 63);
});
