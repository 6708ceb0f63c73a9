import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { fieldErrorString } from '../field-errors.ts';
import { initIPFamilyFields } from './ip-families.ts';
import { clusterIPService as cip } from './test-fixtures.ts';

/** A Service as the client sends it: no IP fields yet. */
function request(spec: NonNullable<Service['spec']> = {}): Service {
  return {
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'ClusterIP', selector: { app: 'web' }, ...spec },
  };
}

const errorsOf = (svc: Service, old?: Service): string[] => initIPFamilyFields(svc, old).errors.map(fieldErrorString);

test('create defaults to SingleStack IPv4', () => {
  const { service, errors } = initIPFamilyFields(request(), undefined);
  assert.deepEqual(errors, []);
  assert.equal(service.spec?.ipFamilyPolicy, 'SingleStack');
  assert.deepEqual(service.spec.ipFamilies, ['IPv4']);
});

test('PreferDualStack is accepted and stays single-family on an IPv4 cluster', () => {
  const { service, errors } = initIPFamilyFields(request({ ipFamilyPolicy: 'PreferDualStack' }), undefined);
  assert.deepEqual(errors, []);
  assert.deepEqual(service.spec?.ipFamilies, ['IPv4']);
});

test('RequireDualStack is refused on a single-stack cluster', () => {
  assert.deepEqual(errorsOf(request({ ipFamilyPolicy: 'RequireDualStack' })), [
    'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
  ]);
});

test('IPv6 families and addresses are refused on an IPv4 cluster', () => {
  assert.deepEqual(errorsOf(request({ ipFamilies: ['IPv6'] })), [
    'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
  ]);
  assert.deepEqual(errorsOf(request({ clusterIP: 'fd00::10' })), [
    'spec.clusterIPs[0]: Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster',
  ]);
});

test('SingleStack with two families or IPs is refused', () => {
  assert.deepEqual(errorsOf(request({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] })), [
    "spec.ipFamilyPolicy: Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
  ]);
});

test('the clusterIP checks run first and stop allocation', () => {
  assert.deepEqual(errorsOf(request({ clusterIP: '10.96.0.300' })), [
    'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]);
});

test('headless None gives clusterIPs ["None"]; with a selector it is single-stack', () => {
  const { service, errors } = initIPFamilyFields(request({ clusterIP: 'None' }), undefined);
  assert.deepEqual(errors, []);
  assert.deepEqual(service.spec?.clusterIPs, ['None']);
  assert.equal(service.spec.ipFamilyPolicy, 'SingleStack');
  assert.deepEqual(service.spec.ipFamilies, ['IPv4']);
});

test('headless without a selector is RequireDualStack with both families, as upstream allows', () => {
  const svc = request({ clusterIP: 'None' });
  delete svc.spec?.selector;
  const { service, errors } = initIPFamilyFields(svc, undefined);
  assert.deepEqual(errors, []);
  assert.equal(service.spec?.ipFamilyPolicy, 'RequireDualStack');
  assert.deepEqual(service.spec.ipFamilies, ['IPv4', 'IPv6']);
  const explicit = { ...svc, spec: { ...svc.spec, ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6'] } };
  assert.deepEqual(errorsOf(explicit), []);
});

test('ExternalName is left alone', () => {
  const ext: Service = { spec: { type: 'ExternalName', externalName: 'db.example.com' } };
  assert.deepEqual(initIPFamilyFields(ext, undefined), { service: ext, errors: [] });
});

test('update keeps the old policy and trims an unchanged dual-stack list for SingleStack', () => {
  const old = cip({ ipFamilyPolicy: 'PreferDualStack' });
  const next = cip();
  delete next.spec?.ipFamilyPolicy;
  assert.equal(initIPFamilyFields(next, old).service.spec?.ipFamilyPolicy, 'PreferDualStack');
  const dual = cip({
    clusterIPs: ['10.96.0.10', 'fd00::10'],
    ipFamilies: ['IPv4', 'IPv6'],
    ipFamilyPolicy: 'RequireDualStack',
  });
  const single = { ...dual, spec: { ...dual.spec, ipFamilyPolicy: 'SingleStack' } };
  const { service, errors } = initIPFamilyFields(single, dual);
  assert.deepEqual(errors, []);
  assert.deepEqual(service.spec?.clusterIPs, ['10.96.0.10']);
  assert.deepEqual(service.spec.ipFamilies, ['IPv4']);
});

test('update may not release the secondary IP without SingleStack', () => {
  const dual = cip({
    clusterIPs: ['10.96.0.10', 'fd00::10'],
    ipFamilies: ['IPv4', 'IPv6'],
    ipFamilyPolicy: 'PreferDualStack',
  });
  const shrunk = cip({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' });
  assert.deepEqual(errorsOf(shrunk, dual), [
    'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be \'SingleStack\' to release the secondary cluster IP',
  ]);
});

test('a dual-stack cluster appends the second family when dual-stack is wanted', () => {
  const { service } = initIPFamilyFields(request({ ipFamilyPolicy: 'PreferDualStack' }), undefined, ['IPv4', 'IPv6']);
  assert.deepEqual(service.spec?.ipFamilies, ['IPv4', 'IPv6']);
});
