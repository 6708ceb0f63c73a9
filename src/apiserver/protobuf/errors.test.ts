import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from './codec.ts';
import { ProtobufError, type ProtobufErrorCode } from './errors.ts';
import { captureBytes, KUBECTL_CAPTURES } from './kubectl-captures.ts';
import { build, bytes, int, msg, str } from './testing-wire.ts';

function rejects(action: () => unknown, code: ProtobufErrorCode, status: number, message?: RegExp): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof ProtobufError, `expected a ProtobufError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const envelope = (...parts: Parameters<typeof build>) => new Uint8Array([...MAGIC, ...build(...parts)]);
const typeMeta = (apiVersion: string, kind: string) => msg(1, str(1, apiVersion), str(2, kind));

describe('decode errors', () => {
  test('a body without the k8s\\0 magic (JSON sent as protobuf)', () => {
    rejects(
      () => decodeKubernetesProtobuf(Buffer.from('{"kind":"Service"}')),
      'PROTOBUF_BAD_MAGIC',
      400,
      /expected prefix \[107 56 115 0\]/,
    );
    rejects(() => decodeKubernetesProtobuf(new Uint8Array([0x6b, 0x38])), 'PROTOBUF_BAD_MAGIC', 400);
  });

  test('every cut inside the object of a real body is reported as truncated', () => {
    const capture = KUBECTL_CAPTURES.createDeployment;
    assert.ok(capture);
    const full = captureBytes(capture);
    // Bytes 4..26 are the typeMeta; the raw object runs up to the trailing `1a 00 22 00`.
    for (let length = 28; length < full.length - 4; length++) {
      rejects(() => decodeKubernetesProtobuf(full.subarray(0, length)), 'PROTOBUF_TRUNCATED', 400);
    }
  });

  test('a nested message longer than its parent is truncated, blamed on its path', () => {
    // metadata claims 10 bytes but holds 2.
    const raw = new Uint8Array([0x0a, 0x0a, 0x0a, 0x00]);
    rejects(
      () => decodeKubernetesProtobuf(envelope(typeMeta('v1', 'Service'), bytes(2, raw))),
      'PROTOBUF_TRUNCATED',
      400,
      /^metadata: unexpected end of data/,
    );
  });

  test('a kind Portico does not serve', () => {
    rejects(
      () => decodeKubernetesProtobuf(envelope(typeMeta('apps/v1', 'StatefulSet'), bytes(2, new Uint8Array()))),
      'PROTOBUF_UNKNOWN_KIND',
      415,
      /no kind "StatefulSet" is registered for version "apps\/v1"/,
    );
  });

  test('an envelope without a kind', () => {
    rejects(() => decodeKubernetesProtobuf(envelope(msg(1, str(1, 'v1')))), 'PROTOBUF_MALFORMED', 400, /kind/);
  });

  test('a compressed or non-protobuf payload', () => {
    const raw = bytes(2, new Uint8Array());
    rejects(
      () => decodeKubernetesProtobuf(envelope(typeMeta('v1', 'Service'), raw, str(3, 'gzip'))),
      'PROTOBUF_UNSUPPORTED_ENCODING',
      415,
    );
    rejects(
      () => decodeKubernetesProtobuf(envelope(typeMeta('v1', 'Service'), raw, str(4, 'application/json'))),
      'PROTOBUF_UNSUPPORTED_ENCODING',
      415,
    );
  });

  test('a field with the wrong wire type names the field', () => {
    const raw = build(msg(1, int(1, 7))); // metadata.name as a varint
    rejects(
      () => decodeKubernetesProtobuf(envelope(typeMeta('v1', 'Service'), bytes(2, raw))),
      'PROTOBUF_MALFORMED',
      400,
      /^metadata\.name: wire type 0 where 2 was expected/,
    );
  });

  test('an int64 beyond what JSON numbers hold exactly', () => {
    const raw = build(msg(1, int(7, 2 ** 60))); // metadata.generation
    rejects(
      () => decodeKubernetesProtobuf(envelope(typeMeta('v1', 'Service'), bytes(2, raw))),
      'PROTOBUF_MALFORMED',
      400,
      /metadata\.generation/,
    );
  });
});

describe('encode errors', () => {
  test('unknown kinds, missing type information, unknown fields and wrong types', () => {
    rejects(() => encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'ConfigMap' }), 'PROTOBUF_UNKNOWN_KIND', 415);
    rejects(() => encodeKubernetesProtobuf({ kind: 'Service' }), 'PROTOBUF_BAD_VALUE', 400);
    rejects(() => encodeKubernetesProtobuf([]), 'PROTOBUF_BAD_VALUE', 400);
    const service = (spec: unknown) => () => encodeKubernetesProtobuf({ apiVersion: 'v1', kind: 'Service', spec });
    rejects(service({ clusterIp: 'None' }), 'PROTOBUF_BAD_VALUE', 400, /^spec: unknown field "clusterIp"/);
    rejects(
      service({ ports: [{ port: '80' }] }),
      'PROTOBUF_BAD_VALUE',
      400,
      /^spec\.ports\[0\]\.port: expected an int32/,
    );
    rejects(service({ ports: [{ port: 2 ** 31 }] }), 'PROTOBUF_BAD_VALUE', 400);
    rejects(service({ ports: [{ port: 80, targetPort: true }] }), 'PROTOBUF_BAD_VALUE', 400, /targetPort/);
    rejects(service({ selector: ['app'] }), 'PROTOBUF_BAD_VALUE', 400, /^spec\.selector: expected an object/);
    rejects(service({ ports: {} }), 'PROTOBUF_BAD_VALUE', 400, /expected a list/);
  });
});
