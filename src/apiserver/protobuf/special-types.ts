/**
 * Messages whose JSON form is not an object: meta/v1 Time and MicroTime (RFC 3339 strings),
 * intstr.IntOrString (a number or a string), resource.Quantity (a string), runtime.RawExtension and
 * meta/v1 FieldsV1 (embedded JSON). Each converts between the message's raw fields and JSON.
 */
import { ProtobufError } from './errors.ts';
import { formatRfc3339, parseRfc3339 } from './rfc3339.ts';

/** The raw fields of a decoded message (proto field name → scalar), or the fields to write. */
export type RawFields = Readonly<Record<string, unknown>>;

/** How one special message maps to JSON. */
export interface SpecialType {
  /** The JSON value, or undefined when it is Go's zero value and `keepZero` is false. */
  toJson(fields: RawFields, keepZero: boolean, path: string): unknown;
  /** The fields to write for a JSON value; undefined (or null) stands for Go's zero value. */
  fromJson(value: unknown, path: string): RawFields;
}

// Seconds of Go's zero time.Time (0001-01-01T00:00:00Z), which marshals to JSON null.
const GO_ZERO_TIME_SECONDS = -62135596800;

function numberField(fields: RawFields, name: string): number {
  const value = fields[name];
  return typeof value === 'number' ? value : 0;
}

/** Time and MicroTime differ only in precision: Time drops the fraction both ways. */
function timeType(micro: boolean): SpecialType {
  return {
    toJson(fields, _keepZero, path) {
      // An empty message (and Go's zero instant) is the zero time: JSON null, so omitted.
      if (fields.seconds === undefined && fields.nanos === undefined) return undefined;
      const seconds = numberField(fields, 'seconds');
      const nanos = numberField(fields, 'nanos');
      if (seconds === GO_ZERO_TIME_SECONDS && nanos === 0) return undefined;
      return formatRfc3339(seconds, micro ? nanos : undefined, path);
    },
    fromJson(value, path) {
      if (value === undefined || value === null) return {};
      if (typeof value !== 'string') throw new ProtobufError('PROTOBUF_BAD_VALUE', 'expected an RFC 3339 time', path);
      const { seconds, nanos } = parseRfc3339(value, path);
      // Time's protobuf form carries whole seconds only (upstream leaves Nanos at zero).
      return { seconds, nanos: micro ? nanos : 0 };
    },
  };
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const INT_OR_STRING: SpecialType = {
  toJson(fields, keepZero) {
    if (numberField(fields, 'type') === 1) return typeof fields.strVal === 'string' ? fields.strVal : '';
    const value = numberField(fields, 'intVal');
    // The zero IntOrString (int 0) means "unset" upstream (targetPort defaults to port).
    return value === 0 && !keepZero ? undefined : value;
  },
  fromJson(value, path) {
    if (value === undefined || value === null) return { type: 0, intVal: 0, strVal: '' };
    if (typeof value === 'string') return { type: 1, intVal: 0, strVal: value };
    if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) {
      return { type: 0, intVal: value, strVal: '' };
    }
    throw new ProtobufError('PROTOBUF_BAD_VALUE', 'expected an int32 or a string', path);
  },
};

const QUANTITY: SpecialType = {
  toJson(fields) {
    return typeof fields.string === 'string' ? fields.string : '0';
  },
  fromJson(value, path) {
    if (value === undefined || value === null) return { string: '0' };
    if (typeof value === 'string') return { string: value };
    if (typeof value === 'number' && Number.isFinite(value)) return { string: String(value) };
    throw new ProtobufError('PROTOBUF_BAD_VALUE', 'expected a quantity string', path);
  },
};

/** RawExtension (`raw`) and FieldsV1 (`Raw`): bytes holding a JSON document. */
function embeddedJsonType(field: string): SpecialType {
  return {
    toJson(fields, _keepZero, path) {
      const raw = fields[field];
      if (!(raw instanceof Uint8Array) || raw.length === 0) return undefined;
      try {
        return JSON.parse(Buffer.from(raw).toString('utf8')) as unknown;
      } catch {
        throw new ProtobufError('PROTOBUF_MALFORMED', 'embedded object is not JSON', path);
      }
    },
    fromJson(value) {
      if (value === undefined || value === null) return {};
      return { [field]: Buffer.from(JSON.stringify(value), 'utf8') };
    },
  };
}

/** Special messages by fully qualified name. */
export const SPECIAL_TYPES: ReadonlyMap<string, SpecialType> = new Map([
  ['k8s.io.apimachinery.pkg.apis.meta.v1.Time', timeType(false)],
  ['k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime', timeType(true)],
  ['k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1', embeddedJsonType('Raw')],
  ['k8s.io.apimachinery.pkg.runtime.RawExtension', embeddedJsonType('raw')],
  ['k8s.io.apimachinery.pkg.util.intstr.IntOrString', INT_OR_STRING],
  ['k8s.io.apimachinery.pkg.api.resource.Quantity', QUANTITY],
]);
