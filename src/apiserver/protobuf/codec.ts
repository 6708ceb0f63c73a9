/**
 * Kubernetes protobuf bodies ↔ the JSON objects the rest of Portico works with: the entry points
 * the HTTP edge calls for `Content-Type: application/vnd.kubernetes.protobuf`.
 */
import protobuf from 'protobufjs/light.js';
import { decodeMessage } from './decode-message.ts';
import { encodeMessage } from './encode-message.ts';
import { readEnvelope, writeEnvelope } from './envelope.ts';
import { ProtobufError } from './errors.ts';
import { findProtobufKind } from './registry.ts';
import { messageInfoFor } from './schema.ts';
import { isRecord } from './wire.ts';

/** A decoded body: the object as JSON (with apiVersion and kind) and what could not be read. */
export interface DecodedKubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly object: Record<string, unknown>;
  /**
   * Fields on the wire that the schema does not know, as `path#fieldNumber` (for example
   * `spec.template.spec.volumes[0]#3`, a gcePersistentDisk volume). They are dropped from `object`,
   * as kube-apiserver drops unknown protobuf fields; the edge may warn about them.
   */
  readonly unknownFields: readonly string[];
}

function unknownKind(apiVersion: string, kind: string): ProtobufError {
  return new ProtobufError(
    'PROTOBUF_UNKNOWN_KIND',
    `no kind "${kind}" is registered for version "${apiVersion}" in the protobuf decoder`,
  );
}

/**
 * Decodes a Kubernetes protobuf body (`k8s\0` + `runtime.Unknown`) into the JSON object
 * kube-apiserver would see. Throws a ProtobufError (bad magic, truncated, malformed, unknown kind).
 *
 * @example
 * const { object } = decodeKubernetesProtobuf(body); // { apiVersion: 'apps/v1', kind: 'Deployment', … }
 */
export function decodeKubernetesProtobuf(bytes: Uint8Array): DecodedKubernetesObject {
  const { apiVersion, kind, raw } = readEnvelope(bytes);
  const entry = findProtobufKind(apiVersion, kind);
  if (entry === undefined) throw unknownKind(apiVersion, kind);
  const context = { unknownFields: [] };
  const body = decodeMessage(raw, messageInfoFor(entry.messageName), '', context);
  return { apiVersion, kind, object: { apiVersion, kind, ...body }, unknownFields: context.unknownFields };
}

/**
 * Encodes a JSON object of a registered kind as a Kubernetes protobuf body, byte for byte as
 * client-go would marshal the same object. Throws a ProtobufError for an unknown kind, an unknown
 * field or a value of the wrong type.
 *
 * @example
 * const body = encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
 */
export function encodeKubernetesProtobuf(object: unknown): Uint8Array {
  if (!isRecord(object)) throw new ProtobufError('PROTOBUF_BAD_VALUE', 'expected an object');
  const { apiVersion, kind, ...body } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    throw new ProtobufError('PROTOBUF_BAD_VALUE', 'the object needs a string apiVersion and kind');
  }
  const entry = findProtobufKind(apiVersion, kind);
  if (entry === undefined) throw unknownKind(apiVersion, kind);
  const writer = protobuf.Writer.create();
  encodeMessage(body, messageInfoFor(entry.messageName), writer, '');
  return writeEnvelope(apiVersion, kind, writer.finish());
}
