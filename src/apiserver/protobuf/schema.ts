/**
 * The message schema: the package specs (schema-*.ts) turned into protobufjs reflection objects
 * (`Root`, `Type`, `Field`, `MapField`), resolved once at load so a misspelt type reference fails
 * loudly, plus the facts protobuf does not carry (Go pointer, omitempty, inline) per field.
 */
import protobuf from 'protobufjs/light.js';
import { APPS_V1, DISCOVERY_V1 } from './schema-apps-discovery.ts';
import { CORE_V1_CONTAINER } from './schema-core-container.ts';
import { CORE_V1_OBJECTS } from './schema-core-objects.ts';
import { CORE_V1_POD } from './schema-core-pod.ts';
import { CORE_V1_VOLUME } from './schema-core-volume.ts';
import { isScalarType, parseFieldSpec, type PackageSpec, type ParsedField, type ScalarType } from './schema-dsl.ts';
import { INTSTR, META_V1, RESOURCE, RUNTIME } from './schema-meta.ts';

/** One field of a message, with what the codec needs to know about it. */
export interface FieldInfo extends ParsedField {
  /** The scalar type of the value (map value, list element), or undefined for a message. */
  readonly scalar: ScalarType | undefined;
  /** Whether a zero value on the wire stays in the JSON: a Go pointer, or no `omitempty`. */
  readonly keepsZero: boolean;
  /** The protobufjs reflection object for this field. */
  readonly reflection: protobuf.FieldBase;
}

/** One message type: its fields in declaration (JSON) order and by number. */
export interface MessageInfo {
  readonly fullName: string;
  readonly reflection: protobuf.Type;
  /** Declaration order: Go struct order, which is the JSON key order. */
  readonly fields: readonly FieldInfo[];
  /** Ascending field number: the order gogo-protobuf writes fields in. */
  readonly byNumber: readonly FieldInfo[];
  readonly byId: ReadonlyMap<number, FieldInfo>;
}

/** Every package spec Portico's protobuf codec knows. */
export const PACKAGE_SPECS: readonly PackageSpec[] = [
  META_V1,
  RUNTIME,
  INTSTR,
  RESOURCE,
  CORE_V1_OBJECTS,
  CORE_V1_POD,
  CORE_V1_CONTAINER,
  CORE_V1_VOLUME,
  APPS_V1,
  DISCOVERY_V1,
];

/** The protobufjs field for a parsed spec (message references are absolute: leading dot). */
function reflectionField(field: ParsedField): protobuf.FieldBase {
  const type = isScalarType(field.type) ? field.type : `.${field.type}`;
  if (field.map) return new protobuf.MapField(field.name, field.id, 'string', type);
  return new protobuf.Field(field.name, field.id, type, field.repeated ? 'repeated' : 'optional');
}

function fieldInfo(parsed: ParsedField, reflection: protobuf.FieldBase): FieldInfo {
  const scalar = isScalarType(parsed.type) ? parsed.type : undefined;
  return { ...parsed, scalar, keepsZero: parsed.pointer || parsed.required, reflection };
}

function messageInfo(pkg: string, name: string, fields: readonly FieldInfo[], type: protobuf.Type): MessageInfo {
  const byNumber = [...fields].sort((a, b) => a.id - b.id);
  return {
    fullName: `${pkg}.${name}`,
    reflection: type,
    fields,
    byNumber,
    byId: new Map(fields.map((f) => [f.id, f])),
  };
}

/** Builds the reflection root and the compiled messages; throws on a bad spec or reference. */
export function buildSchema(specs: readonly PackageSpec[]): {
  root: protobuf.Root;
  messages: ReadonlyMap<string, MessageInfo>;
} {
  const root = new protobuf.Root();
  const messages = new Map<string, MessageInfo>();
  for (const spec of specs) {
    const namespace = root.define(spec.package);
    for (const [name, fieldSpecs] of Object.entries(spec.messages)) {
      const type = new protobuf.Type(name);
      const fields = Object.entries(fieldSpecs).map(([fieldName, text]) => {
        const parsed = parseFieldSpec(spec.package, fieldName, text);
        const reflection = reflectionField(parsed);
        type.add(reflection); // throws on a duplicate field name or number
        return fieldInfo(parsed, reflection);
      });
      namespace.add(type); // throws on a duplicate message name
      messages.set(`${spec.package}.${name}`, messageInfo(spec.package, name, fields, type));
    }
  }
  root.resolveAll(); // throws on a reference to a message that does not exist
  return { root, messages };
}

const BUILT = buildSchema(PACKAGE_SPECS);

/** The protobufjs reflection root holding every message (package `k8s.io.…`). */
export const SCHEMA_ROOT: protobuf.Root = BUILT.root;

/** The compiled message by its fully qualified name (`k8s.io.api.core.v1.Service`). */
export function messageInfoFor(fullName: string): MessageInfo {
  const info = BUILT.messages.get(fullName);
  if (info === undefined) throw new Error(`protobuf schema: no message ${fullName}`);
  return info;
}

const JSON_FIELDS = new Map<string, ReadonlyMap<string, FieldInfo>>();

/** A message's JSON keys and the field behind each, with inline fields' keys in their place. */
export function jsonFieldsOf(message: MessageInfo): ReadonlyMap<string, FieldInfo> {
  let fields = JSON_FIELDS.get(message.fullName);
  if (fields === undefined) {
    const collected = new Map<string, FieldInfo>();
    for (const field of message.fields) {
      if (!field.inline) collected.set(field.name, field);
      else for (const [key, inner] of jsonFieldsOf(messageInfoFor(field.type))) collected.set(key, inner);
    }
    fields = collected;
    JSON_FIELDS.set(message.fullName, fields);
  }
  return fields;
}

/** Every compiled message, keyed by fully qualified name. */
export function allMessages(): ReadonlyMap<string, MessageInfo> {
  return BUILT.messages;
}
