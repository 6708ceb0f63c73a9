import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { allocateServiceCreate, allocateServiceUpdate } from './service-allocation.ts';
import type { ServiceAllocators } from './service-allocators.ts';
import {
  describeFailure,
  expectFailure,
  expectSuccess,
  makeAllocators,
  makeService,
  port,
  specOf,
  stateOf,
} from './testing.ts';

function create(allocators: ServiceAllocators, spec: ServiceSpec): Service {
  const { service, transaction } = expectSuccess(allocateServiceCreate(allocators, makeService('svc', spec)));
  transaction.commit();
  return service;
}

/** The old Service with its spec changed, as an update request would carry it. */
function edit(old: Service, change: (spec: ServiceSpec) => void): Service {
  const next = structuredClone(old);
  change(specOf(next));
  return next;
}

function update(allocators: ServiceAllocators, old: Service, change: (spec: ServiceSpec) => void): Service {
  const { service, transaction } = expectSuccess(allocateServiceUpdate(allocators, old, edit(old, change)));
  transaction.commit();
  return service;
}

test('ClusterIP → NodePort allocates every port left at 0 and reserves requested ones', () => {
  const allocators = makeAllocators();
  const old = create(allocators, { ports: [port(80), port(443), port(53, undefined, 'UDP')] });
  const next = update(allocators, old, (spec) => {
    spec.type = 'NodePort';
    spec.externalTrafficPolicy = 'Cluster';
    const [, https] = spec.ports ?? [];
    if (https) https.nodePort = 30443;
  });
  const nodePorts = (specOf(next).ports ?? []).map((p) => p.nodePort ?? 0);
  assert.equal(nodePorts[1], 30443);
  assert.ok(nodePorts.every((n) => n >= 30000));
  assert.equal(new Set(nodePorts).size, 3);
  assert.deepEqual(allocators.nodePorts.values(), [...nodePorts].sort());
  assert.equal(specOf(next).clusterIP, specOf(old).clusterIP, 'the ClusterIP is unchanged');
});

test('NodePort → ClusterIP releases the ports only on commit, and the Service stops naming them', () => {
  const allocators = makeAllocators();
  const old = create(allocators, { type: 'NodePort', ports: [port(80), port(443, 30443)] });
  const outcome = expectSuccess(
    allocateServiceUpdate(
      allocators,
      old,
      edit(old, (spec) => (spec.type = 'ClusterIP')),
    ),
  );
  assert.equal(allocators.nodePorts.used(), 2, 'still held before commit');
  assert.ok((specOf(outcome.service).ports ?? []).every((p) => p.nodePort === undefined));
  outcome.transaction.commit();
  assert.equal(allocators.nodePorts.used(), 0);
  assert.equal(allocators.clusterIPs[0]?.used(), 1);
});

test('type-change round trips leave the allocators as they were', () => {
  const allocators = makeAllocators();
  const clusterIP = create(allocators, { ports: [port(80), port(53, undefined, 'UDP')] });
  const before = stateOf(allocators);
  const nodePort = update(allocators, clusterIP, (spec) => (spec.type = 'NodePort'));
  const loadBalancer = update(allocators, nodePort, (spec) => {
    spec.type = 'LoadBalancer';
    spec.externalTrafficPolicy = 'Local';
  });
  assert.ok(specOf(loadBalancer).healthCheckNodePort !== undefined);
  assert.equal(allocators.nodePorts.used(), 3);
  const back = update(allocators, loadBalancer, (spec) => {
    spec.type = 'ClusterIP';
    delete spec.externalTrafficPolicy;
  });
  assert.equal(specOf(back).healthCheckNodePort, undefined);
  assert.deepEqual(stateOf(allocators), before);

  const external = update(allocators, back, (spec) => {
    spec.type = 'ExternalName';
    spec.externalName = 'example.com';
  });
  assert.equal(specOf(external).clusterIP, undefined);
  assert.equal(allocators.clusterIPs[0]?.used(), 0);
  const returned = update(allocators, external, (spec) => {
    spec.type = 'ClusterIP';
    delete spec.externalName;
  });
  assert.equal(allocators.clusterIPs.at(0)?.has(specOf(returned).clusterIP ?? ''), true);
  assert.deepEqual(specOf(returned).ipFamilies, ['IPv4']);
});

test('a changed nodePort is reserved, and the old one released on commit; a dropped port is released', () => {
  const allocators = makeAllocators();
  const old = create(allocators, { type: 'NodePort', ports: [port(80, 30080), port(443, 30443)] });
  const outcome = expectSuccess(
    allocateServiceUpdate(
      allocators,
      old,
      edit(old, (spec) => (spec.ports = [port(80, 30081)])),
    ),
  );
  assert.deepEqual(allocators.nodePorts.values(), [30080, 30081, 30443]);
  outcome.transaction.commit();
  assert.deepEqual(allocators.nodePorts.values(), [30081]);
});

test('a failed update leaves the allocators exactly as before', () => {
  const allocators = makeAllocators();
  create(allocators, { type: 'NodePort', ports: [port(80, 30500)] });
  const old = expectSuccess(
    allocateServiceCreate(allocators, makeService('other', { type: 'NodePort', ports: [port(80, 30600)] })),
  ).service;
  const before = stateOf(allocators);
  const colliding = edit(old, (spec) => (spec.ports = [port(80, 30601), port(81), port(82, 30500)]));
  const failure = expectFailure(allocateServiceUpdate(allocators, old, colliding));
  assert.equal(
    describeFailure(failure),
    'spec.ports[2].nodePort: Invalid value: 30500: provided port is already allocated',
  );
  assert.deepEqual(stateOf(allocators), before);

  const reverted = expectSuccess(
    allocateServiceUpdate(
      allocators,
      old,
      edit(old, (spec) => (spec.type = 'ClusterIP')),
    ),
  );
  reverted.transaction.revert();
  assert.deepEqual(stateOf(allocators), before, 'revert drops the deferred releases');
});

test('healthCheckNodePort follows LoadBalancer + Local through updates', () => {
  const allocators = makeAllocators();
  const cluster = create(allocators, { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', ports: [port(80)] });
  const local = update(allocators, cluster, (spec) => (spec.externalTrafficPolicy = 'Local'));
  const health = specOf(local).healthCheckNodePort ?? 0;
  assert.equal(allocators.nodePorts.has(health), true);
  const kept = update(
    allocators,
    local,
    (spec) => (spec.ports = [port(80, specOf(local).ports?.[0]?.nodePort), port(81)]),
  );
  assert.equal(specOf(kept).healthCheckNodePort, health);
  const nodePort = update(allocators, kept, (spec) => (spec.type = 'NodePort'));
  assert.equal(specOf(nodePort).healthCheckNodePort, undefined, 'NodePort + Local has none');
  assert.equal(allocators.nodePorts.has(health), false);
  assert.equal(allocators.nodePorts.used(), 2);
});

test('dual-stack upgrade allocates the secondary; downgrade releases it on commit', () => {
  const allocators = makeAllocators({ cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] });
  const single = create(allocators, { ports: [port(80)] });
  const dual = update(allocators, single, (spec) => (spec.ipFamilyPolicy = 'RequireDualStack'));
  assert.equal(specOf(dual).clusterIPs?.length, 2);
  assert.equal(allocators.clusterIPs[1]?.used(), 1);
  const failure = expectFailure(
    allocateServiceUpdate(
      allocators,
      dual,
      edit(dual, (spec) => (spec.clusterIPs = (spec.clusterIPs ?? []).slice(0, 1))),
    ),
  );
  assert.equal(
    describeFailure(failure),
    'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be \'SingleStack\' to release the secondary cluster IP',
  );
  const back = update(allocators, dual, (spec) => (spec.ipFamilyPolicy = 'SingleStack'));
  assert.deepEqual(specOf(back).clusterIPs, [specOf(single).clusterIP]);
  assert.deepEqual(specOf(back).ipFamilies, ['IPv4']);
  assert.equal(allocators.clusterIPs.at(1)?.used(), 0);
});
