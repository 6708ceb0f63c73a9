/**
 * The JSON types of every field the API knows, checked when a body (or a patched object) is decoded — what
 * kube-apiserver's typed decoding does — so `spec.ports: "x"` or `containers[0].name: 5` is a 400 in Go's words
 * before any strategy or validator reads it. The types come from the protobuf schema (`protobuf/schema*.ts`), which
 * describes each served kind field by field. Unknown fields are not checked (Portico keeps them as given).
 *
 * Like Go's decoder, a `null` becomes the zero value: a known field set to null is dropped, a null list item or
 * map value becomes `""`, `0`, `false` or `{}` — so no handler ever meets a null where the schema has a type.
 */
import { type FieldInfo, type MessageInfo, jsonFieldsOf, messageInfoFor } from '../protobuf/schema.ts';
import { findProtobufKind } from '../protobuf/registry.ts';
import { isRecord } from '../rest/objects.ts';
import { goJsonKind, goNumberLiteral, isInt64, unmarshalTypeError } from './go-json.ts';

const QUANTITY_PATTERN = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** `v1.ServicePort`, `intstr.IntOrString`: the Go type name of a message. */
function goMessageName(fullName: string): string {
  return fullName.split('.').slice(-2).join('.');
}

function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
}

/** Where a value sits: the Go struct holding the field, and the field's JSON path from the top. */
interface Place {
  readonly struct: string;
  readonly path: string;
}

const NOT_SPECIAL = Symbol('not special');

/** The check of a message with a JSON form of its own (an error or undefined), or NOT_SPECIAL for others. */
function checkSpecial(fullName: string, value: unknown): string | undefined | typeof NOT_SPECIAL {
  switch (goMessageName(fullName)) {
    case 'v1.Time':
    case 'v1.MicroTime':
      return typeof value === 'string'
        ? undefined
        : `json: cannot unmarshal ${goJsonKind(value)} into Go value of type string`;
    case 'v1.FieldsV1':
    case 'runtime.RawExtension':
      return undefined;
    case 'intstr.IntOrString':
      if (typeof value === 'string' || (typeof value === 'number' && isInt32(value))) return undefined;
      return typeof value === 'number'
        ? `json: cannot unmarshal number ${goNumberLiteral(value)} into Go value of type int32`
        : `json: cannot unmarshal ${goJsonKind(value)} into Go value of type int32`;
    case 'resource.Quantity':
      return typeof value === 'string' || typeof value === 'number' ? undefined : QUANTITY_PATTERN;
    default:
      return NOT_SPECIAL;
  }
}

function scalarFits(scalar: NonNullable<FieldInfo['scalar']>, value: unknown): boolean {
  switch (scalar) {
    case 'string':
    case 'bytes':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'int32':
      return typeof value === 'number' && isInt32(value);
    case 'int64':
      return typeof value === 'number' && isInt64(value);
  }
}

/** Go's zero value of one element of `field` (what a JSON null decodes to). */
function zeroOf(field: FieldInfo): unknown {
  switch (field.scalar) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
      return 0;
    default:
      return goMessageName(field.type) === 'intstr.IntOrString' ? 0 : {};
  }
}

function elementGoType(field: FieldInfo): string {
  if (field.scalar === 'bytes') return '[]uint8';
  return field.scalar ?? goMessageName(field.type);
}

function fieldGoType(field: FieldInfo): string {
  const element = elementGoType(field);
  if (field.map) return `map[string]${element}`;
  return field.repeated ? `[]${element}` : element;
}

/** One element (the field's value, or an item of its list or map). */
function checkElement(field: FieldInfo, value: unknown, place: Place): string | undefined {
  if (value === null) return undefined;
  if (field.scalar !== undefined) {
    return scalarFits(field.scalar, value)
      ? undefined
      : unmarshalTypeError(value, place.struct, place.path, elementGoType(field));
  }
  const special = checkSpecial(field.type, value);
  if (special !== NOT_SPECIAL) return special;
  if (!isRecord(value)) return unmarshalTypeError(value, place.struct, place.path, elementGoType(field));
  return checkMessage(messageInfoFor(field.type), value, place.path);
}

/** Checks a list or map field, turning null items into zero values in place. */
function checkCollection(field: FieldInfo, value: unknown, place: Place): string | undefined {
  const fits = field.map ? isRecord(value) : Array.isArray(value);
  if (!fits) return unmarshalTypeError(value, place.struct, place.path, fieldGoType(field));
  const collection = value as Record<string, unknown>;
  for (const key of Object.keys(collection)) {
    if (collection[key] === null) {
      Object.defineProperty(collection, key, {
        value: zeroOf(field),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const error = checkElement(field, collection[key], place);
    if (error !== undefined) return error;
  }
  return undefined;
}

function checkField(field: FieldInfo, value: unknown, place: Place): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (field.map || field.repeated) return checkCollection(field, value, place);
  return checkElement(field, value, place);
}

function checkMessage(message: MessageInfo, object: Record<string, unknown>, path: string): string | undefined {
  const struct = goMessageName(message.fullName).split('.')[1] ?? message.fullName;
  for (const [name, field] of jsonFieldsOf(message)) {
    if (!Object.hasOwn(object, name)) continue;
    if (object[name] === null) {
      // Go leaves the zero value, which it then omits: the field is as good as absent.
      Reflect.deleteProperty(object, name);
      continue;
    }
    const place = { struct, path: path === '' ? name : `${path}.${name}` };
    const error = checkField(field, object[name], place);
    if (error !== undefined) return error;
  }
  return undefined;
}

/**
 * Go's decode error for the first known field of `object` whose JSON type does not fit its kind's schema, or
 * undefined when every known field fits (or the kind has no schema). Nulls in known places become zero values
 * in `object` itself, as Go's decoder makes them.
 *
 * @example
 * schemaTypeError({ spec: { ports: 'x' } }, 'v1', 'Service')
 * // → 'json: cannot unmarshal string into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort'
 */
export function schemaTypeError(object: Record<string, unknown>, apiVersion: string, kind: string): string | undefined {
  const known = findProtobufKind(apiVersion, kind);
  if (known === undefined) return undefined;
  return checkMessage(messageInfoFor(known.messageName), object, '');
}
