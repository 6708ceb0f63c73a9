import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { fieldErrorString } from '../field-errors.ts';
import { clusterIPService as cip, loadBalancerService as lb } from './test-fixtures.ts';
import { validateServiceUpdate } from './validation.ts';

const stored = (svc: Service): Service => ({ ...svc, metadata: { ...svc.metadata, resourceVersion: '7', uid: 'u-1' } });
const lines = (next: Service, prev: Service): string[] => validateServiceUpdate(next, prev).map(fieldErrorString);

test('an unchanged update is valid', () => {
  assert.deepEqual(lines(stored(cip()), stored(cip())), []);
});

test('a changed clusterIP shows the new clusterIPs as a Go []string', () => {
  const next = stored(cip({ clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'] }, { name: 'web-svc' }));
  const prev = stored(cip({}, { name: 'web-svc' }));
  assert.deepEqual(lines(next, prev), [
    'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
  ]);
});

test('the primary clusterIP can not be unset, and releasing the secondary needs SingleStack', () => {
  const prev = stored(
    cip({ clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' }),
  );
  const unset = stored(cip({ clusterIP: '', ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' }));
  delete unset.spec?.clusterIPs;
  assert.deepEqual(lines(unset, prev), [
    'spec.clusterIPs[0]: Invalid value: []string(nil): primary clusterIP can not be unset',
  ]);
  const released = stored(cip({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'PreferDualStack' }));
  assert.deepEqual(lines(released, prev), [
    'spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be set to \'SingleStack\' when releasing the secondary clusterIP',
    'spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be set to \'SingleStack\' when releasing the secondary ipFamily',
  ]);
  assert.deepEqual(lines(stored(cip()), prev), []);
});

test('the primary IP family may not change', () => {
  const next = stored(cip({ ipFamilies: ['IPv6'] }));
  assert.deepEqual(lines(next, stored(cip())), [
    'spec.ipFamilies[0]: Invalid value: []core.IPFamily{"IPv6"}: may not change once set',
    'spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`',
  ]);
});

test('headless Services may change families; ExternalName switches skip IP checks', () => {
  const headless = (families: string[]): Service =>
    stored(cip({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: families, ipFamilyPolicy: 'RequireDualStack' }));
  assert.deepEqual(lines(headless(['IPv6', 'IPv4']), headless(['IPv4', 'IPv6'])), []);
  const ext = stored({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' },
  });
  assert.deepEqual(lines(ext, stored(cip())), []);
});

test('healthCheckNodePort is immutable while LoadBalancer stays Local', () => {
  const prev = stored(lb({ externalTrafficPolicy: 'Local', healthCheckNodePort: 30500 }));
  const next = stored(lb({ externalTrafficPolicy: 'Local', healthCheckNodePort: 30501 }));
  assert.deepEqual(lines(next, prev), ['spec.healthCheckNodePort: Forbidden: field is immutable']);
});

test('loadBalancerClass may not change; its other errors repeat as upstream repeats them', () => {
  const prev = stored(lb({ loadBalancerClass: 'example.com/a' }));
  assert.deepEqual(lines(stored(lb({ loadBalancerClass: 'example.com/b' })), prev), [
    'spec.loadBalancerClass: Invalid value: "example.com/b": may not change once set',
  ]);
  const unset = stored(lb());
  assert.deepEqual(lines(unset, prev), ['spec.loadBalancerClass: Invalid value: "null": may not change once set']);
  const np = stored(cip({ loadBalancerClass: 'example.com/a' }));
  const forbidden = "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'";
  assert.deepEqual(lines(np, stored(cip())), [forbidden, forbidden]);
});

test('metadata: resourceVersion required, identity immutable', () => {
  const next = cip({}, { name: 'other', uid: 'u-2' });
  assert.deepEqual(lines(next, stored(cip())), [
    'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    'metadata.name: Invalid value: "other": field is immutable',
    'metadata.uid: Invalid value: "u-2": field is immutable',
  ]);
});
