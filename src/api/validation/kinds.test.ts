import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FieldError, fieldErrorString } from '../field-errors.ts';
import { defaultEndpoints, validateEndpoints } from './endpoints.ts';
import { validateEvent } from './event.ts';
import { validateLease } from './lease.ts';
import { validateNamespace, validateNamespaceStatusUpdate } from './namespace.ts';

const lines = (errors: readonly FieldError[]): string[] => errors.map(fieldErrorString);

test('Endpoints: addresses and ports as upstream checks them', () => {
  const endpoints = defaultEndpoints({
    metadata: { name: 'web', namespace: 'default' },
    subsets: [
      { addresses: [{ ip: '10.244.1.5', nodeName: 'node-1' }], ports: [{ name: 'http', port: 8080 }] },
      { ports: [{ port: 0 }, { name: 'b', port: 80, protocol: 'ICMP' }] },
      { notReadyAddresses: [{ ip: '169.254.1.1', hostname: 'A' }] },
    ],
  });
  assert.deepEqual(lines(validateEndpoints(endpoints)), [
    'subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`',
    'subsets[1].ports[0].name: Required value',
    'subsets[1].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    'subsets[1].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    `subsets[2].notReadyAddresses[0].hostname: Invalid value: "A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    'subsets[2].notReadyAddresses[0].ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
  ]);
});

test('Namespaces: a DNS label name and known finalizers; the phase follows deletion', () => {
  assert.deepEqual(validateNamespace({ metadata: { name: 'team-a' }, spec: { finalizers: ['kubernetes'] } }), []);
  assert.deepEqual(lines(validateNamespace({ metadata: { name: 'a.b' }, spec: { finalizers: ['custom'] } })), [
    'metadata.name: Invalid value: "a.b": must not contain dots',
    'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
  ]);
  const old = { metadata: { name: 'a', resourceVersion: '1' }, status: { phase: 'Active' } };
  assert.deepEqual(lines(validateNamespaceStatusUpdate({ ...old, status: { phase: 'Terminating' } }, old)), [
    'status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty',
  ]);
});

test('Leases: positive durations, non-negative transitions, real timestamps', () => {
  const lease = { metadata: { name: 'node-1', namespace: 'kube-node-lease' } };
  const renewTime = '2026-01-02T03:04:05.000000Z';
  assert.deepEqual(
    validateLease({ ...lease, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime } }),
    [],
  );
  assert.deepEqual(
    lines(validateLease({ ...lease, spec: { leaseDurationSeconds: 0, leaseTransitions: -1, renewTime: 'soon' } })),
    [
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
      'spec.renewTime: Invalid value: "soon": must be an RFC 3339 date-time',
    ],
  );
});

test('Events: the lenient legacy rules', () => {
  const event = {
    metadata: { name: 'web.1', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
    reason: 'Scheduled',
    type: 'Normal',
  };
  assert.deepEqual(validateEvent(event), []);
  assert.deepEqual(lines(validateEvent({ ...event, involvedObject: { kind: 'Pod', namespace: 'other' } })), [
    'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
  ]);
  assert.deepEqual(lines(validateEvent({ ...event, eventTime: '2026-01-02T03:04:05.000000Z', reason: '' })), [
    'reportingController: Required value',
    `reportingController: Invalid value: "": name part must be non-empty`,
    `reportingController: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    'reportingInstance: Required value',
    'action: Required value',
    'reason: Required value',
  ]);
});
