import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { objectMetaTypeError, typeMetaTypeError } from './object-meta-types.ts';

const prefix = 'json: cannot unmarshal';

test("metadata of the wrong JSON type gets Go's decode error", () => {
  const cases: [unknown, string][] = [
    [{ name: 123 }, `${prefix} number into Go struct field ObjectMeta.metadata.name of type string`],
    [{ annotations: { a: 5 } }, `${prefix} number into Go struct field ObjectMeta.metadata.annotations of type string`],
    [{ labels: ['a'] }, `${prefix} array into Go struct field ObjectMeta.metadata.labels of type map[string]string`],
    [{ labels: { a: {} } }, `${prefix} object into Go struct field ObjectMeta.metadata.labels of type string`],
    [{ finalizers: 'x' }, `${prefix} string into Go struct field ObjectMeta.metadata.finalizers of type []string`],
    [{ generation: 1e30 }, `${prefix} number 1e30 into Go struct field ObjectMeta.metadata.generation of type int64`],
    [{ uid: true }, `${prefix} bool into Go struct field ObjectMeta.metadata.uid of type types.UID`],
    [
      { ownerReferences: [{ controller: 'yes' }] },
      `${prefix} string into Go struct field OwnerReference.metadata.ownerReferences.controller of type bool`,
    ],
    [{ creationTimestamp: 5 }, `${prefix} number into Go value of type string`],
    ['meta', `${prefix} string into Go struct field Pod.metadata of type v1.ObjectMeta`],
  ];
  for (const [metadata, message] of cases) {
    assert.equal(objectMetaTypeError({ metadata }, 'Pod'), message, JSON.stringify(metadata));
  }
});

test('well-typed metadata (nulls included) passes', () => {
  const metadata = {
    name: 'a',
    namespace: null,
    labels: { a: 'b', c: null },
    annotations: {},
    finalizers: ['x'],
    generation: 3,
    ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u', controller: true }],
  };
  assert.equal(objectMetaTypeError({ metadata }, 'Pod'), undefined);
  assert.equal(objectMetaTypeError({}, 'Pod'), undefined);
  assert.equal(typeMetaTypeError({ apiVersion: 'v1', kind: 'Pod' }), undefined);
  assert.match(
    typeMetaTypeError({ kind: 5 }) ?? '',
    /cannot unmarshal number into Go struct field \.kind of type string/,
  );
});

test('any JSON value as metadata is either accepted or answered with a Go decode error, never a throw', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (metadata, name) => {
      const error = objectMetaTypeError({ metadata }, 'Service');
      const named = objectMetaTypeError({ metadata: { name, labels: metadata } }, 'Service');
      for (const result of [error, named]) assert.ok(result === undefined || result.startsWith(prefix));
    }),
    { numRuns: 300 },
  );
});
