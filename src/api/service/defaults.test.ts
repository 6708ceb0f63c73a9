import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { defaultService, prepareServiceForCreate, prepareServiceForUpdate } from './defaults.ts';
import { normalizeClusterIPs } from './cluster-ips.ts';
import { initIPFamilyFields } from './ip-families.ts';
import { validationLines } from './test-fixtures.ts';

test('a minimal Service gets every default', () => {
  const input: Service = { metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }] } };
  assert.deepEqual(defaultService(input).spec, {
    sessionAffinity: 'None',
    type: 'ClusterIP',
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    internalTrafficPolicy: 'Cluster',
  });
  assert.deepEqual(input.spec, { ports: [{ port: 80 }] }, 'the input is not changed');
});

test('no spec at all still gets type, affinity and internal policy', () => {
  assert.deepEqual(defaultService({}).spec, {
    sessionAffinity: 'None',
    type: 'ClusterIP',
    internalTrafficPolicy: 'Cluster',
  });
});

test('targetPort defaults only when unset, 0 or empty', () => {
  const ports = defaultService({
    spec: {
      ports: [
        { port: 1, targetPort: 0 },
        { port: 2, targetPort: '' },
        { port: 3, targetPort: 'http' },
        { port: 4, targetPort: 8080, protocol: 'UDP' },
      ],
    },
  }).spec?.ports;
  assert.deepEqual(
    ports?.map((p) => p.targetPort),
    [1, 2, 'http', 8080],
  );
  assert.equal(ports[3]?.protocol, 'UDP');
});

test('ClientIP affinity gets the 3h timeout; None drops any config', () => {
  assert.deepEqual(defaultService({ spec: { sessionAffinity: 'ClientIP' } }).spec?.sessionAffinityConfig, {
    clientIP: { timeoutSeconds: 10800 },
  });
  const kept = defaultService({
    spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
  });
  assert.equal(kept.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds, 60);
  const none = defaultService({ spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } } });
  assert.equal(none.spec?.sessionAffinityConfig, undefined);
});

test('externalTrafficPolicy only for externally-accessible Services', () => {
  assert.equal(defaultService({ spec: { type: 'ClusterIP' } }).spec?.externalTrafficPolicy, undefined);
  assert.equal(defaultService({ spec: { type: 'NodePort' } }).spec?.externalTrafficPolicy, 'Cluster');
  assert.equal(defaultService({ spec: { type: 'LoadBalancer' } }).spec?.externalTrafficPolicy, 'Cluster');
  assert.equal(
    defaultService({ spec: { type: 'NodePort', externalTrafficPolicy: 'Local' } }).spec?.externalTrafficPolicy,
    'Local',
  );
  // Upstream counts a ClusterIP with external IPs as externally accessible.
  assert.equal(defaultService({ spec: { externalIPs: ['192.0.2.1'] } }).spec?.externalTrafficPolicy, 'Cluster');
});

test('internalTrafficPolicy except for ExternalName; allocateLoadBalancerNodePorts for LoadBalancer', () => {
  const ext = defaultService({ spec: { type: 'ExternalName', externalName: 'x.example.com' } }).spec;
  assert.equal(ext?.internalTrafficPolicy, undefined);
  assert.equal(ext?.externalTrafficPolicy, undefined);
  const lb = defaultService({ spec: { type: 'LoadBalancer' } }).spec;
  assert.equal(lb?.allocateLoadBalancerNodePorts, true);
  assert.equal(lb.internalTrafficPolicy, 'Cluster');
  assert.equal(
    defaultService({ spec: { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false } }).spec
      ?.allocateLoadBalancerNodePorts,
    false,
  );
  assert.equal(defaultService({ spec: { type: 'NodePort' } }).spec?.allocateLoadBalancerNodePorts, undefined);
});

test('LoadBalancer ingress IPs get ipMode VIP', () => {
  const svc = defaultService({
    spec: { type: 'LoadBalancer' },
    status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }, { hostname: 'lb.example.com' }] } },
  });
  assert.deepEqual(svc.status?.loadBalancer?.ingress, [
    { ip: '192.0.2.1', ipMode: 'VIP' },
    { hostname: 'lb.example.com' },
  ]);
});

test('a defaulted NodePort Service is valid before allocation', () => {
  const svc = defaultService({
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'NodePort', ports: [{ port: 80 }] },
  });
  assert.deepEqual(validationLines(svc), []);
});

test('create resets status; update keeps the stored status', () => {
  const withStatus: Service = {
    spec: { type: 'LoadBalancer' },
    status: { loadBalancer: { ingress: [{ ip: '192.0.2.9' }] } },
  };
  assert.deepEqual(prepareServiceForCreate(withStatus).status, { loadBalancer: {} });
  const old: Service = { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } } };
  assert.deepEqual(prepareServiceForUpdate(withStatus, old).status, old.status);
});

test('the create path: defaults, IP families, a simulated allocation, prepare, validate', () => {
  const manifests: Service[] = [
    {
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 8080 }] },
    },
    {
      metadata: { name: 'db', namespace: 'default' },
      spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
    },
    { metadata: { name: 'peers', namespace: 'default' }, spec: { clusterIP: 'None' } },
    { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } },
  ];
  for (const manifest of manifests) {
    const { service, errors } = initIPFamilyFields(normalizeClusterIPs(defaultService(manifest), undefined), undefined);
    assert.deepEqual(errors, [], manifest.metadata?.name);
    const allocated = structuredClone(service);
    if (allocated.spec?.type !== 'ExternalName' && allocated.spec?.clusterIP !== 'None') {
      allocated.spec = { ...allocated.spec, clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'] };
    }
    assert.deepEqual(validationLines(prepareServiceForCreate(allocated)), [], manifest.metadata?.name);
  }
});
