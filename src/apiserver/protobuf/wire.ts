/** Small wire-format helpers shared by the decoder and the encoder. */
import protobuf from 'protobufjs/light.js';
import { ProtobufError } from './errors.ts';
import type { ScalarType } from './schema-dsl.ts';

/** Wire type 0: varint (int32, int64, bool). */
export const WIRE_VARINT = 0;
/** Wire type 2: length-delimited (string, bytes, message, map entry, packed list). */
export const WIRE_LENGTH_DELIMITED = 2;

/** The wire type a value of `scalar` (or a message, when undefined) is written with. */
export function wireTypeOf(scalar: ScalarType | undefined): number {
  return scalar === 'int32' || scalar === 'int64' || scalar === 'bool' ? WIRE_VARINT : WIRE_LENGTH_DELIMITED;
}

/** The key varint of a field: number and wire type. */
export function tag(id: number, wireType: number): number {
  return ((id << 3) | wireType) >>> 0;
}

/** A JSON path one level down (`spec.ports`), or the same path for an inline field. */
export function childPath(path: string, name: string, inline = false): string {
  if (inline) return path;
  return path === '' ? name : `${path}.${name}`;
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Sets a key without letting `__proto__` (a legal map key) touch the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An int64 read by protobufjs (a Long when the `long` package is present) as a safe JS number. */
export function int64ToNumber(value: protobuf.Long | number, path: string): number {
  const number = typeof value === 'number' ? value : protobuf.util.LongBits.from(value).toNumber(false);
  if (!Number.isSafeInteger(number)) {
    throw new ProtobufError('PROTOBUF_MALFORMED', 'int64 value is beyond the safe integer range', path);
  }
  return number;
}

/** Go's zero value for a scalar: 0, "", false or empty bytes. */
export function isZeroScalar(value: unknown): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  return value === 0 || value === '' || value === false;
}
