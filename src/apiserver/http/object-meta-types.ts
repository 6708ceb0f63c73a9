/**
 * The JSON types of `metadata`, checked when a body is decoded — before any handler, strategy or validator reads a
 * field — the way kube-apiserver's typed decoding refuses `name: 123` or `annotations: {a: 5}`. The answer is Go's
 * `UnmarshalTypeError` wording.
 */
import { isRecord } from '../rest/objects.ts';
import { goJsonKind, isInt64, unmarshalTypeError } from './go-json.ts';

/** How one field decodes: its Go type name and the JSON values it takes. */
type FieldType =
  | { readonly kind: 'string'; readonly goType: string }
  | { readonly kind: 'int64' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'time' }
  | { readonly kind: 'stringMap' }
  | { readonly kind: 'stringList' }
  | { readonly kind: 'object'; readonly goType: string }
  | { readonly kind: 'structList'; readonly goType: string; readonly struct: string; readonly fields: Fields };

type Fields = Readonly<Record<string, FieldType>>;

const text: FieldType = { kind: 'string', goType: 'string' };
const uid: FieldType = { kind: 'string', goType: 'types.UID' };
const flag: FieldType = { kind: 'bool' };

const ownerReferenceFields: Fields = {
  apiVersion: text,
  kind: text,
  name: text,
  uid,
  controller: flag,
  blockOwnerDeletion: flag,
};

const managedFieldsEntryFields: Fields = {
  manager: text,
  operation: { kind: 'string', goType: 'v1.ManagedFieldsOperationType' },
  apiVersion: text,
  time: { kind: 'time' },
  fieldsType: text,
  fieldsV1: { kind: 'object', goType: 'v1.FieldsV1' },
  subresource: text,
};

const objectMetaFields: Fields = {
  name: text,
  generateName: text,
  namespace: text,
  selfLink: text,
  uid,
  resourceVersion: text,
  generation: { kind: 'int64' },
  creationTimestamp: { kind: 'time' },
  deletionTimestamp: { kind: 'time' },
  deletionGracePeriodSeconds: { kind: 'int64' },
  labels: { kind: 'stringMap' },
  annotations: { kind: 'stringMap' },
  ownerReferences: {
    kind: 'structList',
    goType: 'v1.OwnerReference',
    struct: 'OwnerReference',
    fields: ownerReferenceFields,
  },
  finalizers: { kind: 'stringList' },
  managedFields: {
    kind: 'structList',
    goType: 'v1.ManagedFieldsEntry',
    struct: 'ManagedFieldsEntry',
    fields: managedFieldsEntryFields,
  },
};

/** The Go type name a field's wrong value is reported against. */
function goTypeOf(type: FieldType): string {
  switch (type.kind) {
    case 'string':
    case 'object':
    case 'structList':
      return type.kind === 'structList' ? `[]${type.goType}` : type.goType;
    case 'int64':
      return 'int64';
    case 'bool':
      return 'bool';
    case 'time':
      return 'string';
    case 'stringMap':
      return 'map[string]string';
    case 'stringList':
      return '[]string';
  }
}

function scalarFits(type: FieldType, value: unknown): boolean {
  if (type.kind === 'string' || type.kind === 'time') return typeof value === 'string';
  if (type.kind === 'int64') return typeof value === 'number' && isInt64(value);
  if (type.kind === 'bool') return typeof value === 'boolean';
  return isRecord(value);
}

/** The error for the first wrong element of a map or list field, if any. */
function checkElements(type: FieldType, value: unknown, struct: string, path: string): string | undefined {
  const elements = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
  for (const element of elements) {
    if (element === null) continue;
    if (type.kind === 'structList') {
      if (!isRecord(element)) return unmarshalTypeError(element, struct, path, type.goType);
      const inner = checkFields(type.fields, element, type.struct, path);
      if (inner !== undefined) return inner;
    } else if (typeof element !== 'string') {
      return unmarshalTypeError(element, struct, path, 'string');
    }
  }
  return undefined;
}

function checkField(type: FieldType, value: unknown, struct: string, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (type.kind === 'time' && typeof value !== 'string') {
    // metav1.Time decodes itself, so Go reports the inner string decode.
    return `json: cannot unmarshal ${goJsonKind(value)} into Go value of type string`;
  }
  const container = type.kind === 'stringMap' ? isRecord(value) : Array.isArray(value);
  const isContainer = type.kind === 'stringMap' || type.kind === 'stringList' || type.kind === 'structList';
  if (isContainer) {
    if (!container) return unmarshalTypeError(value, struct, path, goTypeOf(type));
    return checkElements(type, value, struct, path);
  }
  return scalarFits(type, value) ? undefined : unmarshalTypeError(value, struct, path, goTypeOf(type));
}

function checkFields(
  fields: Fields,
  object: Record<string, unknown>,
  struct: string,
  path: string,
): string | undefined {
  for (const [name, type] of Object.entries(fields)) {
    if (!Object.hasOwn(object, name)) continue;
    const error = checkField(type, object[name], struct, `${path}.${name}`);
    if (error !== undefined) return error;
  }
  return undefined;
}

/**
 * Go's decode error for the first field of `object.metadata` whose JSON type does not fit ObjectMeta (a
 * non-object `metadata` included; `goKind` is the object's Go type, e.g. `Service`), or undefined when all fit.
 *
 * @example
 * objectMetaTypeError({ metadata: { name: 123 } }, 'Service')
 * // → 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string'
 */
export function objectMetaTypeError(object: Record<string, unknown>, goKind: string): string | undefined {
  const meta = object['metadata'];
  if (meta === undefined || meta === null) return undefined;
  if (!isRecord(meta)) return unmarshalTypeError(meta, goKind, 'metadata', 'v1.ObjectMeta');
  return checkFields(objectMetaFields, meta, 'ObjectMeta', 'metadata');
}

/** Go's error when `apiVersion` or `kind` is not a string (upstream reads them first, to pick the decoder). */
export function typeMetaTypeError(object: Record<string, unknown>): string | undefined {
  for (const field of ['apiVersion', 'kind']) {
    const value = object[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return `couldn't get version/kind; json parse error: ${unmarshalTypeError(value, '', field, 'string')}`;
    }
  }
  return undefined;
}
