/**
 * Decodes one message's bytes into the JSON object kube-apiserver would see, walking the wire
 * format with protobufjs's Reader and the compiled schema. Zero scalars are dropped unless the
 * field keeps zeros (keep-zero.ts); messages present on the wire become objects, empty ones `{}`;
 * special messages (Time, IntOrString, …) become their JSON form; fields the schema does not know
 * are skipped and reported, as upstream skips them.
 */
import protobuf from 'protobufjs/light.js';
import { fromReaderError, ProtobufError } from './errors.ts';
import { messageInfoFor, type FieldInfo, type MessageInfo } from './schema.ts';
import type { ScalarType } from './schema-dsl.ts';
import { SPECIAL_TYPES } from './special-types.ts';
import { childPath, int64ToNumber, isRecord, isZeroScalar, setOwn, WIRE_LENGTH_DELIMITED, wireTypeOf } from './wire.ts';

/** What a decode collects besides the object: the fields it skipped, as `path#number`. */
export interface DecodeContext {
  readonly unknownFields: string[];
}

/** Decodes `bytes` as `message` into its JSON object; `path` prefixes error and unknown-field paths. */
export function decodeMessage(
  bytes: Uint8Array,
  message: MessageInfo,
  path: string,
  context: DecodeContext,
): Record<string, unknown> {
  return assemble(message, readFields(bytes, message, path, context));
}

/** Every field present on the wire, by schema field; lists and maps accumulate. */
function readFields(
  bytes: Uint8Array,
  message: MessageInfo,
  path: string,
  context: DecodeContext,
): Map<FieldInfo, unknown> {
  const reader = protobuf.Reader.create(bytes);
  const values = new Map<FieldInfo, unknown>();
  try {
    while (reader.pos < reader.len) readNextField(reader, message, values, path, context);
  } catch (error) {
    throw fromReaderError(error, path);
  }
  return values;
}

/** Reads one key and its value; a value that runs past the end is blamed on its field. */
function readNextField(
  reader: protobuf.Reader,
  message: MessageInfo,
  values: Map<FieldInfo, unknown>,
  path: string,
  context: DecodeContext,
): void {
  const key = reader.uint32();
  const field = message.byId.get(key >>> 3);
  if (field === undefined) {
    skipUnknown(reader, key >>> 3, key & 7, path, context);
    return;
  }
  const fieldPath = childPath(path, field.name, field.inline);
  try {
    readField(reader, field, key & 7, values, fieldPath, context);
  } catch (error) {
    throw fromReaderError(error, fieldPath);
  }
}

function skipUnknown(reader: protobuf.Reader, id: number, wireType: number, path: string, context: DecodeContext) {
  if (id === 0) throw new ProtobufError('PROTOBUF_MALFORMED', 'invalid field number 0', path);
  reader.skipType(wireType);
  context.unknownFields.push(`${path}#${id}`);
}

function readField(
  reader: protobuf.Reader,
  field: FieldInfo,
  wireType: number,
  values: Map<FieldInfo, unknown>,
  path: string,
  context: DecodeContext,
): void {
  if (field.map) {
    expectWireType(wireType, WIRE_LENGTH_DELIMITED, path);
    const entries = (values.get(field) as Record<string, unknown> | undefined) ?? {};
    const [key, value] = readMapEntry(reader.bytes(), field, path, context);
    setOwn(entries, key, value);
    values.set(field, entries);
  } else if (field.repeated) {
    const list = (values.get(field) as unknown[] | undefined) ?? [];
    if (field.scalar !== undefined && wireTypeOf(field.scalar) !== WIRE_LENGTH_DELIMITED && wireType === 2) {
      readPacked(reader, field.scalar, list, path);
    } else {
      list.push(readValue(reader, field, wireType, true, `${path}[${list.length}]`, context) ?? null);
    }
    values.set(field, list);
  } else {
    values.set(field, readValue(reader, field, wireType, field.keepsZero, path, context));
  }
}

/** One value of the field's type (scalar, message or special message). */
function readValue(
  reader: protobuf.Reader,
  field: FieldInfo,
  wireType: number,
  keepZero: boolean,
  path: string,
  context: DecodeContext,
): unknown {
  expectWireType(wireType, wireTypeOf(field.scalar), path);
  if (field.scalar !== undefined) return readScalar(reader, field.scalar, path);
  return decodeMessageValue(reader.bytes(), field.type, keepZero, path, context);
}

function decodeMessageValue(
  bytes: Uint8Array,
  typeName: string,
  keepZero: boolean,
  path: string,
  context: DecodeContext,
): unknown {
  const message = messageInfoFor(typeName);
  const special = SPECIAL_TYPES.get(message.fullName);
  if (special === undefined) return decodeMessage(bytes, message, path, context);
  const raw: Record<string, unknown> = {};
  for (const [field, value] of readFields(bytes, message, path, context)) raw[field.name] = value;
  return special.toJson(raw, keepZero, path);
}

function readScalar(reader: protobuf.Reader, scalar: ScalarType, path: string): unknown {
  switch (scalar) {
    case 'string':
      return reader.string();
    case 'bytes':
      return new Uint8Array(reader.bytes()); // a copy: the request buffer may be reused
    case 'bool':
      return reader.bool();
    case 'int32':
      return reader.int32();
    case 'int64':
      return int64ToNumber(reader.int64(), path);
  }
}

/** A packed list of varints (proto3 style); gogo writes them unpacked, but both are valid. */
function readPacked(reader: protobuf.Reader, scalar: ScalarType, list: unknown[], path: string): void {
  const end = reader.uint32() + reader.pos;
  if (end > reader.len) throw new RangeError('packed list runs past the end');
  while (reader.pos < end) list.push(readScalar(reader, scalar, `${path}[${list.length}]`));
  if (reader.pos !== end) throw new ProtobufError('PROTOBUF_MALFORMED', 'packed list overruns its length', path);
}

/** A map entry message: key (1, string) and value (2); a missing part is its zero value. */
function readMapEntry(bytes: Uint8Array, field: FieldInfo, path: string, context: DecodeContext): [string, unknown] {
  const reader = protobuf.Reader.create(bytes);
  let key = '';
  let value: unknown;
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag >>> 3 === 1) {
        expectWireType(tag & 7, WIRE_LENGTH_DELIMITED, path);
        key = reader.string();
      } else if (tag >>> 3 === 2) value = readValue(reader, field, tag & 7, true, `${path}[${key}]`, context);
      else reader.skipType(tag & 7);
    }
  } catch (error) {
    throw fromReaderError(error, path);
  }
  if (value === undefined) value = field.scalar === undefined ? emptyMessageValue(field, path, context) : '';
  return [key, value];
}

function emptyMessageValue(field: FieldInfo, path: string, context: DecodeContext): unknown {
  return decodeMessageValue(new Uint8Array(0), field.type, true, path, context) ?? null;
}

function expectWireType(actual: number, expected: number, path: string): void {
  if (actual !== expected) {
    throw new ProtobufError('PROTOBUF_MALFORMED', `wire type ${actual} where ${expected} was expected`, path);
  }
}

/** The JSON object in declaration order: zeros dropped unless kept, inline fields merged. */
function assemble(message: MessageInfo, values: Map<FieldInfo, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of message.fields) {
    if (!values.has(field)) continue;
    const value = values.get(field);
    if (field.inline) {
      if (isRecord(value)) Object.assign(out, value);
    } else if (value !== undefined && !droppedZero(field, value)) {
      out[field.name] = value;
    }
  }
  return out;
}

function droppedZero(field: FieldInfo, value: unknown): boolean {
  return field.scalar !== undefined && !field.repeated && !field.map && !field.keepsZero && isZeroScalar(value);
}
