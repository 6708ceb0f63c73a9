import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EVERYTHING,
  formatSelector,
  isEverything,
  labelSelectorAsSelector,
  NOTHING,
  selectorFromSet,
  selectorMatches,
} from './selector.ts';

test('a null LabelSelector selects nothing, an empty one everything', () => {
  const none = labelSelectorAsSelector(undefined);
  assert.ok(none.ok);
  assert.equal(none.selector, NOTHING);
  assert.equal(selectorMatches(none.selector, {}), false);
  const all = labelSelectorAsSelector({});
  assert.ok(all.ok);
  assert.equal(isEverything(all.selector), true);
  assert.equal(selectorMatches(all.selector, { any: 'thing' }), true);
  assert.equal(formatSelector(EVERYTHING), '');
});

test('matchLabels and matchExpressions become one sorted selector', () => {
  const result = labelSelectorAsSelector({
    matchLabels: { tier: 'fe', app: 'web' },
    matchExpressions: [
      { key: 'env', operator: 'NotIn', values: ['prod', 'dev'] },
      { key: 'canary', operator: 'DoesNotExist' },
    ],
  });
  assert.ok(result.ok);
  assert.equal(formatSelector(result.selector), 'app=web,!canary,env notin (dev,prod),tier=fe');
  assert.equal(selectorMatches(result.selector, { app: 'web', tier: 'fe', env: 'qa' }), true);
  assert.equal(selectorMatches(result.selector, { app: 'web', tier: 'fe', env: 'dev' }), false);
});

test('LabelSelectorAsSelector errors read as upstream', () => {
  const badOp = labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] });
  assert.deepEqual(badOp, { ok: false, error: '"Gt" is not a valid pod selector operator' });
  const empty = labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] });
  assert.deepEqual(empty, {
    ok: false,
    error: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
  });
  const exists = labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] });
  assert.deepEqual(exists, {
    ok: false,
    error: 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
  });
  const two = labelSelectorAsSelector({ matchLabels: { 'a b': '-x' } });
  assert.ok(!two.ok);
  assert.match(
    two.error,
    /^\[key: Invalid value: "a b": name part must .*, values\[0\]\[a b\]: Invalid value: "-x": a valid/,
  );
});

test('a Service selector map selects with k=v requirements', () => {
  const selector = selectorFromSet({ b: '2', a: '1' });
  assert.equal(formatSelector(selector), 'a=1,b=2');
  assert.equal(selectorMatches(selector, { a: '1', b: '2', c: '3' }), true);
  assert.equal(selectorMatches(selector, { a: '1' }), false);
  assert.equal(isEverything(selectorFromSet(undefined)), true);
});
