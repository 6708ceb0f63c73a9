import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { fieldErrorString } from '../field-errors.ts';
import { defaultService, prepareServiceForUpdate } from './defaults.ts';
import { clusterIPService as cip, loadBalancerService as lb, nodePortService as np } from './test-fixtures.ts';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from './update.ts';
import { validateServiceUpdate } from './validation.ts';

const stored = (svc: Service): Service => ({
  ...svc,
  metadata: { ...svc.metadata, resourceVersion: '7' },
  status: { loadBalancer: {} },
});

/** The registry's update path for the pure steps: defaults, patch, normalize, prepare, validate. */
function updateLines(request: Service, prev: Service): string[] {
  let svc = defaultService(request);
  svc = patchAllocatedValues(svc, prev);
  svc = normalizeClusterIPs(svc, prev);
  svc = prepareServiceForUpdate(svc, prev);
  return validateServiceUpdate(svc, prev).map(fieldErrorString);
}

test('kubectl patch type=ClusterIP on a NodePort Service validates: nodePorts and policy are dropped', () => {
  const prev = stored(np());
  const patched: Service = { ...prev, spec: { ...prev.spec, type: 'ClusterIP' } };
  assert.deepEqual(updateLines(patched, prev), []);
  const dropped = dropTypeDependentFields(defaultService(patched), prev);
  assert.equal(dropped.spec?.ports?.[0]?.nodePort, undefined);
  assert.equal(dropped.spec?.externalTrafficPolicy, undefined);
  assert.deepEqual(dropped.status, { loadBalancer: {} });
});

test('a nodePort the user changed while leaving NodePort is kept, so validation reports it', () => {
  const prev = stored(np());
  const next: Service = {
    ...prev,
    spec: {
      ...prev.spec,
      type: 'ClusterIP',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30099 }],
    },
  };
  assert.deepEqual(updateLines(next, prev), [
    "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
  ]);
});

test('ClusterIP → NodePort validates; nodePorts stay 0 for the allocator', () => {
  const prev = stored(cip());
  const next: Service = { ...prev, spec: { ...prev.spec, type: 'NodePort' } };
  assert.deepEqual(updateLines(next, prev), []);
  assert.equal(defaultService(next).spec?.externalTrafficPolicy, 'Cluster');
});

test('replace with a manifest lacking clusterIP and nodePort keeps the allocated values', () => {
  const prev = stored(
    np({
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 },
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53, nodePort: 30053 },
      ],
    }),
  );
  const manifest: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', resourceVersion: '7' },
    spec: {
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'http', port: 80, targetPort: 8080 },
      ],
    },
  };
  const patched = patchAllocatedValues(defaultService(manifest), prev);
  assert.equal(patched.spec?.clusterIP, '10.96.0.10');
  assert.deepEqual(patched.spec.clusterIPs, ['10.96.0.10']);
  assert.deepEqual(
    patched.spec.ports?.map((p) => p.nodePort),
    [30053, 30080],
  );
  assert.deepEqual(updateLines(manifest, prev), []);
});

test('patchAllocatedValues does not reuse a nodePort another port now claims', () => {
  const prev = stored(np({ ports: [{ name: 'a', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }));
  const next = np({
    ports: [
      { name: 'a', port: 80, protocol: 'TCP', targetPort: 80 },
      { name: 'b', port: 81, protocol: 'TCP', targetPort: 81, nodePort: 30080 },
    ],
  });
  const patched = patchAllocatedValues(next, prev);
  assert.deepEqual(
    patched.spec?.ports?.map((p) => p.nodePort),
    [undefined, 30080],
  );
});

test('patchAllocatedValues copies healthCheckNodePort for LoadBalancer+Local only', () => {
  const prev = stored(lb({ externalTrafficPolicy: 'Local', healthCheckNodePort: 30500 }));
  assert.equal(patchAllocatedValues(lb({ externalTrafficPolicy: 'Local' }), prev).spec?.healthCheckNodePort, 30500);
  assert.equal(
    patchAllocatedValues(lb({ externalTrafficPolicy: 'Cluster' }), prev).spec?.healthCheckNodePort,
    undefined,
  );
});

test('changing only clusterIP rewrites clusterIPs, and the immutability error shows the new value', () => {
  const prev = stored(cip({}, { name: 'web-svc' }));
  const next: Service = { ...prev, spec: { ...prev.spec, clusterIP: '10.96.0.99' } };
  assert.deepEqual(normalizeClusterIPs(next, prev).spec?.clusterIPs, ['10.96.0.99']);
  assert.deepEqual(updateLines(next, prev), [
    'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
  ]);
});

test('normalizeClusterIPs: create copies a lone clusterIP; clearing clusterIP clears an unchanged list', () => {
  const headless = normalizeClusterIPs({ spec: { clusterIP: 'None' } }, undefined);
  assert.deepEqual(headless.spec?.clusterIPs, ['None']);
  assert.deepEqual(normalizeClusterIPs({ spec: {} }, undefined), { spec: {} });
  const prev = cip();
  const cleared = normalizeClusterIPs({ spec: { ...prev.spec, clusterIP: '' } }, prev);
  assert.equal(cleared.spec?.clusterIPs, undefined);
  const omitted: Service = { spec: { ...prev.spec } };
  delete omitted.spec?.clusterIPs;
  assert.deepEqual(normalizeClusterIPs(omitted, prev).spec?.clusterIPs, ['10.96.0.10']);
});

test('leaving a cluster-IP type for ExternalName drops untouched IP fields', () => {
  const prev = stored(cip());
  const next: Service = { ...prev, spec: { ...prev.spec, type: 'ExternalName', externalName: 'db.example.com' } };
  const dropped = dropTypeDependentFields(next, prev);
  for (const field of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'] as const) {
    assert.equal(dropped.spec?.[field], undefined, field);
  }
  assert.deepEqual(updateLines(next, prev), []);
});

test('leaving LoadBalancer drops untouched LB-only fields and the LB status', () => {
  const prev: Service = {
    ...stored(lb({ externalTrafficPolicy: 'Local', healthCheckNodePort: 30500, loadBalancerClass: 'example.com/lb' })),
    status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
  };
  const next: Service = { ...prev, spec: { ...prev.spec, type: 'NodePort' } };
  const dropped = dropTypeDependentFields(next, prev);
  assert.equal(dropped.spec?.healthCheckNodePort, undefined);
  assert.equal(dropped.spec?.allocateLoadBalancerNodePorts, undefined);
  assert.equal(dropped.spec?.loadBalancerClass, undefined);
  assert.equal(dropped.spec?.externalTrafficPolicy, 'Local', 'NodePort still uses the policy');
  assert.deepEqual(dropped.status, { loadBalancer: {} });
  assert.deepEqual(updateLines(next, prev), []);
  assert.deepEqual(next.spec?.healthCheckNodePort, 30500, 'the input is not changed');
});
