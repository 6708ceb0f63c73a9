import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProtobufError } from './errors.ts';
import { formatRfc3339, parseRfc3339 } from './rfc3339.ts';
import { SPECIAL_TYPES, type SpecialType } from './special-types.ts';

function special(name: string): SpecialType {
  const type = SPECIAL_TYPES.get(name);
  assert.ok(type, name);
  return type;
}

const meta = (name: string) => special(`k8s.io.apimachinery.pkg.apis.meta.v1.${name}`);
const time = meta('Time');
const microTime = meta('MicroTime');
const intOrString = special('k8s.io.apimachinery.pkg.util.intstr.IntOrString');
const quantity = special('k8s.io.apimachinery.pkg.api.resource.Quantity');
const rawExtension = special('k8s.io.apimachinery.pkg.runtime.RawExtension');
const fieldsV1 = meta('FieldsV1');

const badValue = (error: unknown) => error instanceof ProtobufError && error.code === 'PROTOBUF_BAD_VALUE';

describe('Time and MicroTime', () => {
  test('Time prints whole seconds in UTC and drops nanos both ways', () => {
    assert.equal(time.toJson({ seconds: 1715000000, nanos: 5 }, false, ''), '2024-05-06T12:53:20Z');
    assert.deepEqual(time.fromJson('2024-05-06T14:53:20.75+02:00', ''), { seconds: 1715000000, nanos: 0 });
  });

  test('MicroTime always prints six fraction digits', () => {
    assert.equal(microTime.toJson({ seconds: 1715000000, nanos: 0 }, false, ''), '2024-05-06T12:53:20.000000Z');
    assert.equal(microTime.toJson({ seconds: 0, nanos: 999999999 }, false, ''), '1970-01-01T00:00:00.999999Z');
    assert.deepEqual(microTime.fromJson('2024-05-06T12:53:20.123456Z', ''), { seconds: 1715000000, nanos: 123456000 });
  });

  test('the zero time (empty message or 0001-01-01) is omitted, even behind a pointer; 1970 is not', () => {
    assert.equal(time.toJson({}, true, ''), undefined);
    assert.equal(time.toJson({ seconds: -62135596800, nanos: 0 }, true, ''), undefined);
    assert.equal(time.toJson({ seconds: 0 }, false, ''), '1970-01-01T00:00:00Z');
    assert.deepEqual(time.fromJson(undefined, ''), {});
  });

  test('a non-time value is refused', () => {
    assert.throws(() => time.fromJson(1715000000, 'metadata.creationTimestamp'), badValue);
    assert.throws(() => time.fromJson('yesterday', ''), badValue);
  });
});

describe('RFC 3339', () => {
  test('offsets, lower-case separators, early years and the last second of 9999', () => {
    assert.deepEqual(parseRfc3339('1970-01-01t01:00:00+01:00', ''), { seconds: 0, nanos: 0 });
    assert.deepEqual(parseRfc3339('0001-01-01T00:00:00Z', ''), { seconds: -62135596800, nanos: 0 });
    assert.equal(formatRfc3339(-62135596800, undefined, ''), '0001-01-01T00:00:00Z');
    assert.equal(formatRfc3339(253402300799, undefined, ''), '9999-12-31T23:59:59Z');
  });

  test('impossible dates and years past 9999 are refused', () => {
    assert.throws(() => parseRfc3339('2024-02-30T00:00:00Z', ''), badValue);
    assert.throws(() => parseRfc3339('2024-01-01T24:00:00Z', ''), badValue);
    assert.throws(() => formatRfc3339(253402300800, undefined, ''), badValue);
  });
});

describe('IntOrString', () => {
  test('type 0 is the int, type 1 the string', () => {
    assert.equal(intOrString.toJson({ type: 0, intVal: 8080, strVal: '' }, false, ''), 8080);
    assert.equal(intOrString.toJson({ type: 1, intVal: 0, strVal: 'http' }, false, ''), 'http');
    assert.equal(intOrString.toJson({ type: 1 }, false, ''), '');
  });

  test('int 0 is unset unless the field is a pointer', () => {
    assert.equal(intOrString.toJson({ type: 0, intVal: 0, strVal: '' }, false, ''), undefined);
    assert.equal(intOrString.toJson({}, true, ''), 0);
  });

  test('encodes all three fields, as gogo does', () => {
    assert.deepEqual(intOrString.fromJson(80, ''), { type: 0, intVal: 80, strVal: '' });
    assert.deepEqual(intOrString.fromJson('25%', ''), { type: 1, intVal: 0, strVal: '25%' });
    assert.deepEqual(intOrString.fromJson(undefined, ''), { type: 0, intVal: 0, strVal: '' });
    assert.throws(() => intOrString.fromJson(1.5, ''), badValue);
    assert.throws(() => intOrString.fromJson(2 ** 31, ''), badValue);
  });
});

describe('Quantity, RawExtension and FieldsV1', () => {
  test('Quantity is its string; numbers are accepted when encoding', () => {
    assert.equal(quantity.toJson({ string: '500m' }, false, ''), '500m');
    assert.equal(quantity.toJson({}, false, ''), '0');
    assert.deepEqual(quantity.fromJson(2, ''), { string: '2' });
    assert.throws(() => quantity.fromJson({}, ''), badValue);
  });

  test('RawExtension and FieldsV1 carry embedded JSON', () => {
    const json = Buffer.from('{"kind":"Pod","spec":{}}');
    assert.deepEqual(rawExtension.toJson({ raw: json }, false, ''), { kind: 'Pod', spec: {} });
    assert.deepEqual(fieldsV1.toJson({ Raw: Buffer.from('{"f:spec":{}}') }, false, ''), { 'f:spec': {} });
    assert.equal(fieldsV1.toJson({}, false, ''), undefined);
    assert.deepEqual(
      Buffer.from(fieldsV1.fromJson({ 'f:spec': {} }, '').Raw as Uint8Array).toString(),
      '{"f:spec":{}}',
    );
  });

  test('embedded bytes that are not JSON are malformed', () => {
    assert.throws(
      () => rawExtension.toJson({ raw: Buffer.from('k8s\0') }, false, 'x'),
      (error: unknown) => error instanceof ProtobufError && error.code === 'PROTOBUF_MALFORMED',
    );
  });
});
