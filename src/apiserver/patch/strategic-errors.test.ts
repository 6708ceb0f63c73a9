import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNPROCESSABLE_PATCH_MESSAGE } from './errors.ts';
import { POD_PATCH_SCHEMA, SERVICE_PATCH_SCHEMA } from './schemas.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

const service = { spec: { ports: [{ port: 80 }], selector: { app: 'web' } } };

function failure(target: unknown, patch: unknown, schema = SERVICE_PATCH_SCHEMA) {
  const result = applyStrategicMergePatch(target, patch, schema);
  if (result.ok) assert.fail(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

test('a patch body that is not an object is a 400', () => {
  const error = failure(service, [{ op: 'add' }]);
  assert.deepEqual([error.code, error.reason], [400, 'BadRequest']);
  assert.equal(error.message, 'json: cannot unmarshal array into Go value of type map[string]interface {}');
  assert.equal(
    failure(service, 'x').message,
    'json: cannot unmarshal string into Go value of type map[string]interface {}',
  );
});

test("a merged list item without its merge key fails with upstream's message, as a 400 (upstream: 500)", () => {
  const error = failure(service, { spec: { ports: [{ targetPort: 9090, name: 'http' }] } });
  assert.equal(error.code, 400);
  assert.equal(error.message, 'map: map[name:http targetPort:9090] does not contain declared merge key: port');
  assert.match(
    failure(service, { spec: { ports: [{ $patch: 'delete' }] } }).message,
    /does not contain declared merge key: port$/,
  );
});

test('lists of lists are a 422', () => {
  const error = failure({ spec: { ports: [[1]] } }, { spec: { ports: [[2]] } });
  assert.deepEqual(
    [error.code, error.message, error.detail],
    [422, UNPROCESSABLE_PATCH_MESSAGE, 'lists of lists are not supported'],
  );
});

test('unknown $patch values fail; malformed $retainKeys is a 400', () => {
  assert.match(
    failure(service, { spec: { selector: { $patch: 'explode' } } }).message,
    /^unknown patch type: explode in map: /,
  );
  assert.match(
    failure(service, { spec: { ports: [{ port: 80, $patch: 'explode' }] } }).message,
    /^unknown patch type: explode/,
  );
  const notList = failure(service, { spec: { $retainKeys: 'type', type: 'NodePort' } });
  assert.deepEqual([notList.code, notList.message], [400, 'invalid patch format of retainKeys']);
  const unlisted = failure(service, { spec: { $retainKeys: ['type'], type: 'NodePort', selector: { a: 'b' } } });
  assert.deepEqual([unlisted.code, unlisted.message], [400, 'invalid patch format of retainKeys']);
});

test('a $setElementOrder list that contradicts the patch list fails', () => {
  const patch = { spec: { '$setElementOrder/ports': [{ port: 443 }], ports: [{ port: 80, targetPort: 1 }] } };
  assert.match(
    failure(service, patch).message,
    /^The order in patch list:\n.*\n doesn't match \$setElementOrder list:\n/,
  );
  assert.match(
    failure(service, { spec: { '$setElementOrder/ports': 'x' } }).message,
    /^expected a \[\]interface \{\}, but received a string$/,
  );
});

test('mixed element types in a merged list fail', () => {
  const pod = { metadata: { finalizers: ['a'] } };
  assert.match(
    failure(pod, { metadata: { finalizers: [1] } }, POD_PATCH_SCHEMA).message,
    /^list element types are not identical/,
  );
});
