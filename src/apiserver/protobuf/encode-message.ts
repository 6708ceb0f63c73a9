/**
 * Encodes a JSON object as one message, the way gogo-protobuf marshals the Go struct: fields in
 * ascending number; every non-pointer field written, zero or not (absent scalars as zero, absent
 * structs as empty messages); pointer fields, lists and maps only when set; map entries sorted by
 * key. So a JSON object decoded from a kubectl body encodes back to the same bytes.
 */
import protobuf from 'protobufjs/light.js';
import { ProtobufError } from './errors.ts';
import { jsonFieldsOf, messageInfoFor, type FieldInfo, type MessageInfo } from './schema.ts';
import type { ScalarType } from './schema-dsl.ts';
import { SPECIAL_TYPES, type RawFields } from './special-types.ts';
import { childPath, isRecord, tag, WIRE_LENGTH_DELIMITED, wireTypeOf } from './wire.ts';

/**
 * Writes `value` (undefined for Go's zero value) as the fields of `message`. An `inlined` message
 * reads its fields from its parent's object, so only the outermost object checks for unknown keys.
 */
export function encodeMessage(
  value: unknown,
  message: MessageInfo,
  writer: protobuf.Writer,
  path: string,
  inlined = false,
): void {
  const object = asObject(value, message, path, inlined);
  for (const field of message.byNumber) {
    const fieldValue = field.inline ? object : object?.[field.name];
    writeField(writer, field, fieldValue ?? undefined, childPath(path, field.name, field.inline));
  }
}

function asObject(
  value: unknown,
  message: MessageInfo,
  path: string,
  inlined: boolean,
): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new ProtobufError('PROTOBUF_BAD_VALUE', 'expected an object', path);
  if (!inlined) {
    const known = jsonFieldsOf(message);
    for (const key of Object.keys(value)) {
      if (!known.has(key)) throw new ProtobufError('PROTOBUF_BAD_VALUE', `unknown field "${key}"`, path);
    }
  }
  return value;
}

function writeField(writer: protobuf.Writer, field: FieldInfo, value: unknown, path: string): void {
  if (value === undefined) {
    if (!field.pointer && !field.repeated && !field.map) writeValue(writer, field.id, field, undefined, path);
  } else if (field.map) {
    writeMap(writer, field, value, path);
  } else if (field.repeated) {
    if (!Array.isArray(value)) throw new ProtobufError('PROTOBUF_BAD_VALUE', 'expected a list', path);
    value.forEach((item, index) => {
      writeValue(writer, field.id, field, item ?? undefined, `${path}[${index}]`);
    });
  } else {
    writeValue(writer, field.id, field, value, path);
  }
}

/** One value of the field's type under number `id` (a map value is written under 2). */
function writeValue(writer: protobuf.Writer, id: number, field: FieldInfo, value: unknown, path: string): void {
  writer.uint32(tag(id, wireTypeOf(field.scalar)));
  if (field.scalar !== undefined) {
    writeScalar(writer, field.scalar, value, path);
    return;
  }
  writer.fork();
  const message = messageInfoFor(field.type);
  const special = SPECIAL_TYPES.get(message.fullName);
  if (special === undefined) encodeMessage(value, message, writer, path, field.inline);
  else writeRawFields(writer, message, special.fromJson(value, path), path);
  writer.ldelim();
}

/** A special message's fields: exactly those given (a zero Time is an empty message). */
function writeRawFields(writer: protobuf.Writer, message: MessageInfo, fields: RawFields, path: string): void {
  for (const field of message.byNumber) {
    const value = fields[field.name];
    if (value === undefined || field.scalar === undefined) continue;
    writer.uint32(tag(field.id, wireTypeOf(field.scalar)));
    writeScalar(writer, field.scalar, value, path);
  }
}

/** Map entries in Go's sorted key order (bytewise), each with both key and value written. */
function writeMap(writer: protobuf.Writer, field: FieldInfo, value: unknown, path: string): void {
  if (!isRecord(value)) throw new ProtobufError('PROTOBUF_BAD_VALUE', 'expected an object', path);
  const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const key of keys) {
    writer.uint32(tag(field.id, WIRE_LENGTH_DELIMITED)).fork();
    writer.uint32(tag(1, WIRE_LENGTH_DELIMITED)).string(key);
    writeValue(writer, 2, field, value[key] ?? undefined, `${path}[${key}]`);
    writer.ldelim();
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** A scalar; undefined writes the zero value. */
function writeScalar(writer: protobuf.Writer, scalar: ScalarType, value: unknown, path: string): void {
  const bad = (expected: string) => new ProtobufError('PROTOBUF_BAD_VALUE', `expected ${expected}`, path);
  switch (scalar) {
    case 'string':
      if (value !== undefined && typeof value !== 'string') throw bad('a string');
      writer.string(value ?? '');
      return;
    case 'bytes':
      if (value !== undefined && !(value instanceof Uint8Array) && typeof value !== 'string') throw bad('bytes');
      writer.bytes(value ?? new Uint8Array(0)); // a string is taken as base64, as in JSON
      return;
    case 'bool':
      if (value !== undefined && typeof value !== 'boolean') throw bad('a boolean');
      writer.bool(value ?? false);
      return;
    case 'int32':
      if (value !== undefined && !isInteger(value, INT32_MIN, INT32_MAX)) throw bad('an int32');
      writer.int32(value ?? 0);
      return;
    case 'int64':
      if (value !== undefined && !isInteger(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) {
        throw bad('an integer');
      }
      writer.int64(value ?? 0);
      return;
  }
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
