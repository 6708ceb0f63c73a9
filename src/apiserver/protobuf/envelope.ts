/**
 * The envelope of every Kubernetes protobuf body: the 4-byte magic `k8s\0`, then a
 * `runtime.Unknown{typeMeta{apiVersion=1, kind=2}=1, raw=2, contentEncoding=3, contentType=4}`
 * whose `raw` is the object's own message.
 */
import protobuf from 'protobufjs/light.js';
import { decodeMessage } from './decode-message.ts';
import { encodeMessage } from './encode-message.ts';
import { ProtobufError } from './errors.ts';
import { messageInfoFor } from './schema.ts';
import { isRecord } from './wire.ts';

/** The prefix of every Kubernetes protobuf body: `k8s` and a NUL byte. */
export const KUBERNETES_PROTOBUF_MAGIC: Uint8Array = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** The media type of Kubernetes protobuf bodies. */
export const KUBERNETES_PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

const UNKNOWN = 'k8s.io.apimachinery.pkg.runtime.Unknown';

/** What the envelope says: the object's apiVersion and kind, and its message bytes. */
export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly raw: Uint8Array;
}

/** True when `bytes` starts with the `k8s\0` magic. */
export function hasKubernetesMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && KUBERNETES_PROTOBUF_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** Checks the magic and reads the `runtime.Unknown` envelope. */
export function readEnvelope(bytes: Uint8Array): Envelope {
  if (!hasKubernetesMagic(bytes)) {
    throw new ProtobufError(
      'PROTOBUF_BAD_MAGIC',
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  }
  const unknown = decodeMessage(bytes.subarray(4), messageInfoFor(UNKNOWN), '', { unknownFields: [] });
  const typeMeta = isRecord(unknown.typeMeta) ? unknown.typeMeta : {};
  const apiVersion = typeof typeMeta.apiVersion === 'string' ? typeMeta.apiVersion : '';
  const kind = typeof typeMeta.kind === 'string' ? typeMeta.kind : '';
  if (apiVersion === '' || kind === '') {
    throw new ProtobufError('PROTOBUF_MALFORMED', "object 'apiVersion' or 'kind' is missing in the protobuf envelope");
  }
  checkContent(unknown.contentEncoding, unknown.contentType);
  const raw = unknown.raw instanceof Uint8Array ? unknown.raw : new Uint8Array(0);
  return { apiVersion, kind, raw };
}

/** Only a plain protobuf payload is supported: no content encoding, protobuf (or unset) type. */
function checkContent(contentEncoding: unknown, contentType: unknown): void {
  if (typeof contentEncoding === 'string' && contentEncoding !== '') {
    throw new ProtobufError('PROTOBUF_UNSUPPORTED_ENCODING', `unsupported content encoding "${contentEncoding}"`);
  }
  if (typeof contentType === 'string' && contentType !== '' && contentType !== KUBERNETES_PROTOBUF_CONTENT_TYPE) {
    throw new ProtobufError('PROTOBUF_UNSUPPORTED_ENCODING', `unsupported embedded content type "${contentType}"`);
  }
}

/** Wraps a message in the envelope, field for field as client-go writes it. */
export function writeEnvelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const writer = protobuf.Writer.create();
  const unknown = { typeMeta: { apiVersion, kind }, raw, contentEncoding: '', contentType: '' };
  encodeMessage(unknown, messageInfoFor(UNKNOWN), writer, '');
  const body = writer.finish();
  const out = new Uint8Array(KUBERNETES_PROTOBUF_MAGIC.length + body.length);
  out.set(KUBERNETES_PROTOBUF_MAGIC, 0);
  out.set(body, KUBERNETES_PROTOBUF_MAGIC.length);
  return out;
}
