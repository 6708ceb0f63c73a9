import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeKubernetesProtobuf } from './codec.ts';
import { body, bool, bytes, entry, int, msg, str, type Part } from './testing-wire.ts';

type Json = Record<string, unknown>;

const decode = (apiVersion: string, kind: string, ...parts: Part[]): Json =>
  decodeKubernetesProtobuf(body(apiVersion, kind, ...parts)).object;

const at = (object: Json, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], object);

const meta = msg(1, str(1, 'x'));
// A pod whose spec (field 2) holds `parts`.
const pod = (...parts: Part[]) => decode('v1', 'Pod', meta, msg(2, ...parts));
// A pod with one container (PodSpec field 2) made of `parts`.
const container = (...parts: Part[]) => at(pod(msg(2, ...parts)), 'spec', 'containers', 0) as Json;

describe('zero values', () => {
  test('a zero DeploymentSpec.replicas (a pointer) is kept; non-pointer zeros are dropped', () => {
    const object = decode('apps/v1', 'Deployment', meta, msg(2, int(1, 0), int(5, 0), int(6, 0), bool(7, false)));
    assert.deepEqual(object.spec, { replicas: 0, revisionHistoryLimit: 0 });
  });

  test('ServicePort: nodePort 0 is absent, port 0 (no omitempty) stays', () => {
    const object = decode('v1', 'Service', meta, msg(2, msg(1, str(1, ''), int(3, 0), int(5, 0))));
    assert.deepEqual(at(object, 'spec', 'ports'), [{ port: 0 }]);
  });

  test('pointer bools and strings keep false and ""; plain ones drop them', () => {
    const object = decode('v1', 'Service', meta, msg(2, bool(13, false), bool(20, false), str(17, ''), str(3, '')));
    assert.deepEqual(object.spec, { ipFamilyPolicy: '', allocateLoadBalancerNodePorts: false });
  });

  test('a required string (Container.name) stays even when empty', () => {
    assert.deepEqual(container(str(1, ''), str(2, '')), { name: '' });
  });

  test('list elements are kept whatever their value', () => {
    assert.deepEqual(container(str(1, 'c'), str(3, ''), str(3, 'sh')).command, ['', 'sh']);
  });
});

describe('special types', () => {
  test('IntOrString: an int, a string, and the zero value (unset) targetPort', () => {
    const port = (target: Part) => msg(1, int(3, 80), target);
    const object = decode(
      'v1',
      'Service',
      meta,
      msg(
        2,
        port(msg(4, int(1, 0), int(2, 8080), str(3, ''))),
        port(msg(4, int(1, 1), int(2, 0), str(3, 'http'))),
        port(msg(4, int(1, 0), int(2, 0), str(3, ''))),
      ),
    );
    assert.deepEqual(at(object, 'spec', 'ports'), [
      { port: 80, targetPort: 8080 },
      { port: 80, targetPort: 'http' },
      { port: 80 },
    ]);
  });

  test('IntOrString behind a pointer keeps 0 (maxUnavailable: 0)', () => {
    const rollingUpdate = msg(2, msg(1, int(1, 0), int(2, 0), str(3, '')), msg(2, int(1, 1), int(2, 0), str(3, '25%')));
    const object = decode('apps/v1', 'Deployment', meta, msg(2, msg(4, str(1, 'RollingUpdate'), rollingUpdate)));
    assert.deepEqual(at(object, 'spec', 'strategy'), {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' },
    });
  });

  test('Time: RFC 3339 in whole seconds; an empty message or Go zero time is omitted', () => {
    const object = decode(
      'v1',
      'Namespace',
      msg(1, str(1, 'x'), msg(8, int(1, 1715000000), int(2, 999)), msg(9)),
      msg(3, msg(2, str(1, 'Ready'), str(2, 'True'), msg(4, int(1, -62135596800), int(2, 0)))),
    );
    assert.deepEqual(object.metadata, { name: 'x', creationTimestamp: '2024-05-06T12:53:20Z' });
    assert.deepEqual(at(object, 'status', 'conditions'), [{ type: 'Ready', status: 'True' }]);
  });

  test('MicroTime keeps microseconds (Event.eventTime)', () => {
    const object = decode('v1', 'Event', meta, msg(10, int(1, 1715000000), int(2, 123456789)), str(14, 'kubelet'));
    assert.equal(object.eventTime, '2024-05-06T12:53:20.123456Z');
    assert.equal(object.reportingComponent, 'kubelet');
    assert.equal(object.reportingInstance, undefined); // not on the wire at all
  });

  test('Quantity maps: resources.limits', () => {
    const quantity = (name: string, value: string) => msg(1, str(1, name), msg(2, str(1, value)));
    const c = container(str(1, 'c'), msg(8, quantity('cpu', '500m'), quantity('memory', '128Mi')));
    assert.deepEqual(c.resources, { limits: { cpu: '500m', memory: '128Mi' } });
  });

  test('FieldsV1 becomes the embedded JSON object', () => {
    const fieldsV1 = msg(7, bytes(1, Buffer.from('{"f:metadata":{}}')));
    const managed = msg(17, str(1, 'kubectl'), str(2, 'Update'), str(6, 'FieldsV1'), fieldsV1, str(8, 'status'));
    const object = decode('v1', 'Namespace', msg(1, str(1, 'x'), managed));
    assert.deepEqual(at(object, 'metadata', 'managedFields'), [
      {
        manager: 'kubectl',
        operation: 'Update',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': {} },
        subresource: 'status',
      },
    ]);
  });
});

describe('messages', () => {
  test('empty embedded messages decode as {} (present pointer or not)', () => {
    const c = container(str(1, 'c'), msg(8), msg(15));
    assert.deepEqual(c, { name: 'c', resources: {}, securityContext: {} });
    assert.deepEqual(decode('v1', 'Pod', meta, msg(3)).status, {});
  });

  test('inline structs merge into the parent: probe handler, key selectors, volume source', () => {
    const probe = msg(11, msg(1, msg(2, str(1, '/healthz'), msg(2, int(1, 1), int(2, 0), str(3, 'http')))), int(4, 5));
    const env = msg(7, str(1, 'MODE'), msg(3, msg(3, msg(1, str(1, 'settings')), str(2, 'mode'))));
    const spec = pod(
      msg(1, str(1, 'cfg'), msg(2, msg(19, msg(1, str(1, 'settings'))))),
      msg(2, str(1, 'c'), probe, env),
    );
    assert.deepEqual(at(spec, 'spec', 'volumes'), [{ name: 'cfg', configMap: { name: 'settings' } }]);
    const c = at(spec, 'spec', 'containers', 0) as Json;
    assert.deepEqual(c.readinessProbe, { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 });
    assert.deepEqual(c.env, [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }]);
  });

  test('packed varint lists are read too (supplementalGroups)', () => {
    const groups: Part = (w) => {
      w.uint32((4 << 3) | 2)
        .fork()
        .int64(1000)
        .int64(2000)
        .ldelim();
    };
    const object = pod(msg(14, groups));
    assert.deepEqual(at(object, 'spec', 'securityContext'), { supplementalGroups: [1000, 2000] });
  });

  test('a "__proto__" map key is an ordinary key', () => {
    const object = decode('v1', 'Namespace', msg(1, str(1, 'x'), entry(11, '__proto__', 'v')));
    const labels = at(object, 'metadata', 'labels') as Json;
    assert.deepEqual(Object.keys(labels), ['__proto__']);
    assert.equal(Object.getPrototypeOf(labels), Object.prototype);
  });
});

describe('unknown fields', () => {
  test('are skipped and reported by path and number', () => {
    const gcePersistentDisk = msg(3, str(1, 'pd-1'));
    const decoded = decodeKubernetesProtobuf(
      body('v1', 'Pod', meta, msg(2, msg(1, str(1, 'data'), msg(2, gcePersistentDisk))), str(9, 'future')),
    );
    assert.deepEqual(decoded.object.spec, { volumes: [{ name: 'data' }] });
    assert.deepEqual(decoded.unknownFields, ['spec.volumes[0]#3', '#9']);
  });
});
