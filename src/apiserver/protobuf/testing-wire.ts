/**
 * Test support: protobuf bytes assembled field by field with protobufjs's Writer, independently of
 * the schema-driven encoder, so decoder tests do not merely mirror it. Each helper writes one field.
 */
import protobuf from 'protobufjs/light.js';

/** Writes one field. */
export type Part = (writer: protobuf.Writer) => void;

const key = (id: number, wireType: number) => ((id << 3) | wireType) >>> 0;

/** A string (or bytes-as-string) field. */
export const str =
  (id: number, value: string): Part =>
  (w) => {
    w.uint32(key(id, 2)).string(value);
  };

/** A raw bytes field. */
export const bytes =
  (id: number, value: Uint8Array): Part =>
  (w) => {
    w.uint32(key(id, 2)).bytes(value);
  };

/** A varint field (int32, int64: negative numbers take ten bytes, as Go writes them). */
export const int =
  (id: number, value: number): Part =>
  (w) => {
    w.uint32(key(id, 0)).int64(value);
  };

/** A bool field. */
export const bool =
  (id: number, value: boolean): Part =>
  (w) => {
    w.uint32(key(id, 0)).bool(value);
  };

/** An embedded message field made of `parts` (none: an empty message). */
export const msg =
  (id: number, ...parts: Part[]): Part =>
  (w) => {
    w.uint32(key(id, 2)).fork();
    for (const part of parts) part(w);
    w.ldelim();
  };

/** A `map<string, string>` entry. */
export const entry = (id: number, name: string, value: string): Part => msg(id, str(1, name), str(2, value));

/** The parts as bytes. */
export function build(...parts: Part[]): Uint8Array {
  const writer = protobuf.Writer.create();
  for (const part of parts) part(writer);
  return new Uint8Array(writer.finish());
}

/** A whole body: `k8s\0` + runtime.Unknown{typeMeta, raw, contentEncoding "", contentType ""}. */
export function body(apiVersion: string, kind: string, ...objectParts: Part[]): Uint8Array {
  const envelope = build(
    msg(1, str(1, apiVersion), str(2, kind)),
    bytes(2, build(...objectParts)),
    str(3, ''),
    str(4, ''),
  );
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...envelope]);
}

/**
 * ObjectMeta as client-go writes it for a new object: every non-pointer field, zero or not, an
 * empty creationTimestamp, then the labels.
 */
export function newObjectMeta(id: number, name: string, labels: Readonly<Record<string, string>>): Part {
  return msg(
    id,
    str(1, name),
    str(2, ''),
    str(3, ''),
    str(4, ''),
    str(5, ''),
    str(6, ''),
    int(7, 0),
    msg(8),
    ...Object.entries(labels).map(([k, v]) => entry(11, k, v)),
  );
}
