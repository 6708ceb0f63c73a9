import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { type FieldError, fieldErrorString } from '../field-errors.ts';
import { UPDATABLE_POD_SPEC_FIELDS, validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './pod.ts';

const lines = (errors: readonly FieldError[]): string[] => errors.map(fieldErrorString);

/** A pod with the defaults the registry fills in. */
function pod(spec: Record<string, unknown> = {}, containers: Record<string, unknown>[] = [{}]): Pod {
  return {
    metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      containers: containers.map((c, i) => ({
        name: `c${String(i)}`,
        image: 'nginx:1.25',
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePolicy: 'File',
        ...c,
      })),
      ...spec,
    },
  };
}

const labelMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

test('a defaulted pod is valid', () => {
  assert.deepEqual(lines(validatePodCreate(pod())), []);
});

test('container names are RFC 1123 labels, unique across init and regular containers', () => {
  const spec = {
    initContainers: [{ name: 'c1', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }],
  };
  assert.deepEqual(lines(validatePodCreate(pod(spec, [{ name: '../../../x' }, { name: 'c1' }, { name: 'c1' }]))), [
    `spec.containers[0].name: Invalid value: "../../../x": ${labelMessage}`,
    'spec.containers[2].name: Duplicate value: "c1"',
    'spec.initContainers[0].name: Duplicate value: "c1"',
  ]);
  assert.deepEqual(lines(validatePodCreate(pod({ containers: [] }))), ['spec.containers: Required value']);
});

test('ports, env names, probes, policies, deadlines and hostnames as upstream words them', () => {
  const container = {
    image: ' nginx',
    ports: [
      { containerPort: 0, protocol: 'TCP' },
      { containerPort: 80, name: 'http', protocol: 'TCP' },
      { containerPort: 81, name: 'http', hostPort: 70000, protocol: 'ICMP' },
    ],
    env: [{ name: 'A=B' }, { name: '' }],
    livenessProbe: { successThreshold: 2 },
    readinessProbe: {
      exec: { command: ['x'] },
      httpGet: { port: 'http', path: '/', scheme: 'HTTP' },
      periodSeconds: -1,
    },
  };
  const spec = {
    terminationGracePeriodSeconds: -5,
    activeDeadlineSeconds: 0,
    restartPolicy: 'Sometimes',
    hostname: 'A',
  };
  assert.deepEqual(lines(validatePodCreate(pod(spec, [container]))), [
    'spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0',
    'spec.containers[0].ports[0].containerPort: Required value',
    'spec.containers[0].ports[2].name: Duplicate value: "http"',
    'spec.containers[0].ports[2].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[2].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    'spec.containers[0].env[1].name: Required value',
    'spec.containers[0].livenessProbe: Required value: must specify a handler type',
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    'spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
    'spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    `spec.hostname: Invalid value: "A": ${labelMessage}`,
    'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
  ]);
});

test('a huge or fractional grace period is a field error, never an exception', () => {
  assert.deepEqual(lines(validatePodCreate(pod({ terminationGracePeriodSeconds: 1e300 }))), [
    'spec.terminationGracePeriodSeconds: Invalid value: 1e+300: must be between -9223372036854775808 and 9223372036854775807, inclusive',
  ]);
  assert.deepEqual(lines(validatePodCreate(pod({ terminationGracePeriodSeconds: 1.5 }))), [
    'spec.terminationGracePeriodSeconds: Invalid value: "number": spec.terminationGracePeriodSeconds in body must be of type integer: "number"',
  ]);
});

test('resources, tolerations and the node selector', () => {
  const container = { resources: { limits: { cpu: '1', foo: '2' }, requests: { cpu: '2', memory: 'lots' } } };
  const spec = {
    tolerations: [
      { operator: 'Equal', value: 'x' },
      { key: 'k', operator: 'Exists', value: 'v', tolerationSeconds: 5 },
    ],
  };
  assert.deepEqual(lines(validatePodCreate(pod(spec, [container]))), [
    'spec.containers[0].resources.limits[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
    'spec.containers[0].resources.limits[foo]: Invalid value: "foo": must be a standard resource for containers',
    `spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    'spec.tolerations[1].effect: Invalid value: "": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    'spec.tolerations[1].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'',
  ]);
});

test('updates may change images, shorten the deadline and add tolerations, nothing else', () => {
  const old = pod({ activeDeadlineSeconds: 100, tolerations: [{ key: 'a', operator: 'Exists' }] });
  const allowed = pod(
    {
      activeDeadlineSeconds: 50,
      tolerations: [
        { key: 'a', operator: 'Exists' },
        { key: 'b', operator: 'Exists' },
      ],
    },
    [{ image: 'nginx:1.26' }],
  );
  assert.deepEqual(lines(validatePodUpdate(allowed, old)), []);
  assert.deepEqual(lines(validatePodUpdate(pod({ activeDeadlineSeconds: 200 }), old)), [
    'spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value',
  ]);
  assert.deepEqual(lines(validatePodUpdate(pod({ activeDeadlineSeconds: 100 }, [{}, {}]), old)), [
    'spec.containers: Forbidden: pod updates may not add or remove containers',
  ]);
  const changed = pod({
    activeDeadlineSeconds: 100,
    tolerations: [{ key: 'a', operator: 'Exists' }],
    dnsPolicy: 'Default',
  });
  assert.deepEqual(lines(validatePodUpdate(changed, old)), [`spec: Forbidden: ${UPDATABLE_POD_SPEC_FIELDS}`]);
  const dropped = pod({ activeDeadlineSeconds: 100 });
  assert.deepEqual(lines(validatePodUpdate(dropped, old)), [
    'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
  ]);
});

test('binding: nodeName may be set once, never moved', () => {
  const unbound = pod();
  assert.deepEqual(lines(validatePodUpdate(pod({ nodeName: 'n1' }), unbound)), []);
  assert.deepEqual(lines(validatePodUpdate(pod({ nodeName: 'n2' }), pod({ nodeName: 'n1' }))), [
    `spec: Forbidden: ${UPDATABLE_POD_SPEC_FIELDS}`,
  ]);
});

test('status writes: valid pod and host IPs, custom condition types, a fixed QoS class', () => {
  const old = { ...pod({ nodeName: 'n1' }), status: { qosClass: 'BestEffort' } } as Pod;
  const withStatus = (status: Record<string, unknown>): Pod => ({ ...old, status });
  const good = { qosClass: 'BestEffort', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], hostIP: '192.168.77.11' };
  assert.deepEqual(lines(validatePodStatusUpdate(withStatus(good), old)), []);
  const bad = {
    qosClass: 'Guaranteed',
    podIPs: [{ ip: '10.0.0.1' }, { ip: '10.0.0.1' }],
    hostIP: '192.168.77.11',
    hostIPs: [{ ip: 'host/path?' }],
    conditions: [{ type: 'bad type', status: 'True' }],
  };
  assert.deepEqual(lines(validatePodStatusUpdate(withStatus(bad), old)), [
    `metadata.conditions[0].Type: Invalid value: "bad type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    'status.qosClass: Invalid value: "Guaranteed": field is immutable',
    'status.podIPs: Invalid value: []core.PodIP{core.PodIP{IP:"10.0.0.1"}, core.PodIP{IP:"10.0.0.1"}}: may specify no more than one IP for each IP family',
    'status.podIPs[1]: Duplicate value: core.PodIP{IP:"10.0.0.1"}',
    'status.hostIPs[0].ip: Invalid value: "host/path?": must be equal to `hostIP`',
    'status.hostIPs[0]: Invalid value: "host/path?": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
});
