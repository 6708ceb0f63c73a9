import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutNulls } from './json.ts';

test('null properties are dropped at every depth, arrays kept', () => {
  const input = { spec: { selector: null, ports: [{ port: 80, name: null }], type: 'ClusterIP' }, status: null };
  assert.deepEqual(withoutNulls(input), { spec: { ports: [{ port: 80 }], type: 'ClusterIP' } });
  assert.deepEqual(input.spec.selector, null, 'the input is not changed');
  assert.deepEqual(withoutNulls([null, 1]), [null, 1]);
});
