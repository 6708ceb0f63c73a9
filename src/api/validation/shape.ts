/**
 * The JSON shape of an object before its rules run. kube-apiserver never sees a string where it declared an
 * int32 (its decoder refuses the body first); here bodies are plain JSON, so each kind declares the shape of the
 * fields its rules read and `checkShape` reports every mismatch the way structural schemas do
 * (`spec.ports[0].port: Invalid value: "string": spec.ports[0].port in body must be of type integer: "string"`).
 * Rules run only on objects whose shape is right, so they can trust the types they read.
 */
import { type FieldError, goLiteral, invalid } from '../field-errors.ts';

/** A JSON type a field may be declared with. */
export type Shape =
  | 'string'
  | 'boolean'
  | 'int32'
  | 'int64'
  | 'intOrString'
  | 'quantity'
  | 'any'
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly kind: 'array'; readonly of: Shape }
  | { readonly kind: 'map'; readonly of: Shape };

/** An object with known fields (others are left alone). */
export function objectShape(fields: Readonly<Record<string, Shape>>): Shape {
  return { kind: 'object', fields };
}

/** A list whose items all have one shape. */
export function arrayOf(of: Shape): Shape {
  return { kind: 'array', of };
}

/** A map from string keys to values of one shape (labels, resource lists). */
export function mapOf(of: Shape): Shape {
  return { kind: 'map', of };
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
// Go's int64 bounds, as far as a double can tell them apart.
const INT64_LIMIT = 2 ** 63;

/** What a JSON value is, in OpenAPI's words. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeError(path: string, value: unknown, expected: string): FieldError {
  const actual = jsonTypeOf(value);
  return {
    reason: 'FieldValueTypeInvalid',
    field: path,
    badValue: goLiteral(JSON.stringify(actual)),
    detail: `${path} in body must be of type ${expected}: ${JSON.stringify(actual)}`,
  };
}

/** Integer bounds, with the words Go prints for them (a double cannot spell int64's exactly). */
interface IntegerRange {
  readonly min: number;
  readonly max: number;
  readonly words: string;
}

const INT32: IntegerRange = { min: INT32_MIN, max: INT32_MAX, words: '-2147483648 and 2147483647' };
const INT64: IntegerRange = {
  min: -INT64_LIMIT,
  max: INT64_LIMIT - 1,
  words: '-9223372036854775808 and 9223372036854775807',
};

function checkInteger(value: unknown, path: string, range: IntegerRange): FieldError[] {
  if (typeof value !== 'number' || !Number.isInteger(value)) return [typeError(path, value, 'integer')];
  if (value < range.min || value > range.max)
    return [invalid(path, value, `must be between ${range.words}, inclusive`)];
  return [];
}

function checkScalar(value: unknown, shape: Exclude<Shape, object>, path: string): FieldError[] {
  switch (shape) {
    case 'any':
      return [];
    case 'string':
      return typeof value === 'string' ? [] : [typeError(path, value, 'string')];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [typeError(path, value, 'boolean')];
    case 'int32':
      return checkInteger(value, path, INT32);
    case 'int64':
      return checkInteger(value, path, INT64);
    case 'intOrString':
      return typeof value === 'string' ? [] : checkInteger(value, path, INT32);
    case 'quantity':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
        ? []
        : [typeError(path, value, 'string')];
  }
}

/** The OpenAPI type a shape stands for, as type errors name it. */
function expectedType(shape: Shape): string {
  if (typeof shape !== 'string') return shape.kind === 'array' ? 'array' : 'object';
  if (shape === 'int32' || shape === 'int64') return 'integer';
  return shape === 'intOrString' || shape === 'quantity' ? 'string' : shape;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Map keys print as `path[key]`, as field.Path.Key does. */
function keyPath(path: string, key: string): string {
  return `${path}[${key}]`;
}

function childPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/**
 * Every place `value` departs from `shape`, at its field path; `null` and absent fields are fine (JSON `null`
 * means unset). Nothing deeper than a mismatch is visited.
 */
export function checkShape(value: unknown, shape: Shape, path = ''): FieldError[] {
  if (value === undefined || value === null) return [];
  if (typeof shape === 'string') return checkScalar(value, shape, path);
  if (shape.kind === 'array') {
    if (!Array.isArray(value)) return [typeError(path, value, 'array')];
    // A null item is not "unset" (rules would read fields of it): it has the wrong type.
    return (value as unknown[]).flatMap((item, i) => {
      const itemPath = `${path}[${String(i)}]`;
      return (item === null || item === undefined) && shape.of !== 'any'
        ? [typeError(itemPath, item, expectedType(shape.of))]
        : checkShape(item, shape.of, itemPath);
    });
  }
  if (!isRecord(value)) return [typeError(path, value, 'object')];
  if (shape.kind === 'map') {
    return Object.keys(value)
      .sort()
      .flatMap((key) => checkShape(value[key], shape.of, keyPath(path, key)));
  }
  return Object.keys(shape.fields).flatMap((name) => {
    const fieldShape = shape.fields[name];
    return fieldShape === undefined ? [] : checkShape(value[name], fieldShape, childPath(path, name));
  });
}

/** The shape of the ObjectMeta fields validation reads. */
export const objectMetaShape: Shape = objectShape({
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'string',
  resourceVersion: 'string',
  generation: 'int64',
  labels: mapOf('string'),
  annotations: mapOf('string'),
  finalizers: arrayOf('string'),
  ownerReferences: arrayOf(
    objectShape({
      apiVersion: 'string',
      kind: 'string',
      name: 'string',
      uid: 'string',
      controller: 'boolean',
      blockOwnerDeletion: 'boolean',
    }),
  ),
  deletionTimestamp: 'string',
  creationTimestamp: 'string',
  deletionGracePeriodSeconds: 'int64',
});

/** A label selector (`matchLabels`, `matchExpressions`). */
export const labelSelectorShape: Shape = objectShape({
  matchLabels: mapOf('string'),
  matchExpressions: arrayOf(objectShape({ key: 'string', operator: 'string', values: arrayOf('string') })),
});

/** The shape of a core/v1 ObjectReference (an EndpointSlice's `targetRef`, an Event's `involvedObject`). */
export const objectReferenceShape: Shape = objectShape({
  kind: 'string',
  namespace: 'string',
  name: 'string',
  uid: 'string',
  apiVersion: 'string',
  resourceVersion: 'string',
  fieldPath: 'string',
});
