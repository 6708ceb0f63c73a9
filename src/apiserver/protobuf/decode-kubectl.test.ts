import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeKubernetesProtobuf, encodeKubernetesProtobuf } from './codec.ts';
import { captureBytes, KUBECTL_CAPTURES } from './kubectl-captures.ts';
import { body, bool, entry, int, msg, newObjectMeta, str } from './testing-wire.ts';

// What kubectl 1.32 sends, assembled field by field: gogo-protobuf writes every non-pointer field
// of the Go struct, so the zeros below are on the wire and the decoder has to drop them.
const appLabels = { app: 'hello-livefire' };

const nginxContainer = msg(
  2,
  str(1, 'nginx'),
  str(2, 'nginx:1.25'),
  str(5, ''),
  msg(6, str(1, ''), int(2, 0), int(3, 8080), str(4, ''), str(5, '')), // ports[0]
  msg(8), // resources: {}
  str(13, ''),
  str(14, ''),
  bool(16, false),
  bool(17, false),
  bool(18, false),
  str(20, ''),
);

const podSpec = msg(
  2,
  nginxContainer,
  ...[3, 6, 8, 9, 10].map((id) => str(id, '')),
  bool(11, false),
  bool(12, false),
  bool(13, false),
  ...[16, 17, 19, 24].map((id) => str(id, '')),
);

const createDeploymentBody = body(
  'apps/v1',
  'Deployment',
  newObjectMeta(1, 'hello-livefire', appLabels),
  msg(
    2,
    int(1, 2), // replicas: a pointer, written because set
    msg(2, entry(1, 'app', 'hello-livefire')), // selector.matchLabels
    msg(3, newObjectMeta(1, '', appLabels), podSpec), // template
    msg(4, str(1, '')), // strategy: {type: ""}
    int(5, 0), // minReadySeconds
    bool(7, false), // paused
  ),
  msg(3, ...[1, 2, 3, 4, 5, 7].map((id) => int(id, 0))), // status: all zero
);

const createServiceBody = body(
  'v1',
  'Service',
  newObjectMeta(1, 'web', { app: 'web' }),
  msg(
    2,
    msg(1, str(1, '80-8080'), str(2, 'TCP'), int(3, 80), msg(4, int(1, 0), int(2, 8080), str(3, '')), int(5, 0)),
    entry(2, 'app', 'web'),
    str(3, ''),
    str(4, 'NodePort'),
    ...[7, 8, 10, 11].map((id) => str(id, '')),
    int(12, 0),
    bool(13, false),
  ),
  msg(3, msg(1)), // status.loadBalancer: {}
);

const createNamespaceBody = body('v1', 'Namespace', newObjectMeta(1, 'team-a', {}), msg(2), msg(3, str(1, '')));

describe('hand-built kubectl 1.32 bodies', () => {
  test('create deployment decodes to the JSON kubectl 1.31 sends (reference §1)', () => {
    const decoded = decodeKubernetesProtobuf(createDeploymentBody);
    assert.equal(decoded.apiVersion, 'apps/v1');
    assert.equal(decoded.kind, 'Deployment');
    assert.deepEqual(decoded.object, KUBECTL_CAPTURES.createDeployment?.expected);
    assert.deepEqual(decoded.unknownFields, []);
  });

  test('the hand-built deployment body is byte for byte what kubectl sent', () => {
    const capture = KUBECTL_CAPTURES.createDeployment;
    assert.ok(capture);
    assert.deepEqual(Buffer.from(createDeploymentBody), Buffer.from(captureBytes(capture)));
  });

  test('create service nodeport: nodePort 0 and the empty strings are dropped', () => {
    const { object } = decodeKubernetesProtobuf(createServiceBody);
    assert.deepEqual(object, KUBECTL_CAPTURES.createServiceNodePort?.expected);
    const spec = object.spec as { ports: Record<string, unknown>[] };
    assert.equal('nodePort' in (spec.ports[0] ?? {}), false);
  });

  test('create namespace keeps the empty spec and status as {}', () => {
    const { object } = decodeKubernetesProtobuf(createNamespaceBody);
    assert.deepEqual(object, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a' },
      spec: {},
      status: {},
    });
  });
});

describe('bodies captured from the real kubectl', () => {
  for (const [name, capture] of Object.entries(KUBECTL_CAPTURES)) {
    test(`${name} (${capture.command})`, () => {
      const bytes = captureBytes(capture);
      const decoded = decodeKubernetesProtobuf(bytes);
      assert.deepEqual(decoded.object, capture.expected);
      assert.deepEqual(decoded.unknownFields, []);
      // The encoder writes what client-go writes: the decoded object encodes back to the same bytes.
      assert.deepEqual(Buffer.from(encodeKubernetesProtobuf(decoded.object)), Buffer.from(bytes));
    });
  }
});
