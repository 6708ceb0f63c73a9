import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServiceIP } from './cluster-ip-allocator.ts';
import { allocateServiceCreate, releaseService } from './service-allocation.ts';
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

test('a ClusterIP Service gets one dynamic IP above the static band, and its family fields', () => {
  const allocators = makeAllocators();
  const input = makeService('web', { type: 'ClusterIP', ports: [port(80)], selector: { app: 'web' } });
  const { service } = expectSuccess(allocateServiceCreate(allocators, input));
  const spec = specOf(service);
  assert.ok(spec.clusterIP !== undefined);
  assert.deepEqual(spec.clusterIPs, [spec.clusterIP]);
  assert.deepEqual(spec.ipFamilies, ['IPv4']);
  assert.equal(spec.ipFamilyPolicy, 'SingleStack');
  assert.ok((parseServiceIP(spec.clusterIP)?.value ?? 0n) > (parseServiceIP('10.96.1.0')?.value ?? 0n));
  assert.equal(allocators.clusterIPs[0]?.has(spec.clusterIP), true);
  assert.equal(specOf(input).clusterIP, undefined, 'the input is not modified');
});

test('failure messages are byte-identical to kube-apiserver', () => {
  const allocators = makeAllocators({ ports: { base: 30000, size: 2768 } });
  expectSuccess(allocateServiceCreate(allocators, makeService('a', { clusterIP: '10.96.0.5', ports: [port(80)] })));
  expectSuccess(allocateServiceCreate(allocators, makeService('b', { type: 'NodePort', ports: [port(80, 31155)] })));
  const cases: [string, Parameters<typeof makeService>[1], string][] = [
    [
      'taken IP',
      { clusterIP: '10.96.0.5', ports: [port(80)] },
      'spec.clusterIPs: Invalid value: []string{"10.96.0.5"}: failed to allocate IP 10.96.0.5: provided IP is already allocated',
    ],
    [
      'IP outside the CIDR',
      { clusterIP: '1.1.1.1', ports: [port(80)] },
      'spec.clusterIPs: Invalid value: []string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      'taken nodePort',
      { type: 'NodePort', ports: [port(80, 31155)] },
      'spec.ports[0].nodePort: Invalid value: 31155: provided port is already allocated',
    ],
    [
      'nodePort outside the range',
      { type: 'NodePort', ports: [port(443, 30001), port(80, 80)] },
      'spec.ports[1].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'requested healthCheckNodePort taken',
      { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 31155, ports: [port(80)] },
      'InternalError: failed to allocate requested HealthCheck NodePort 31155: provided port is already allocated',
    ],
    [
      'unparsable IP: refused by the pre-validation before anything is allocated',
      { clusterIP: 'ten', ipFamilies: ['IPv4'], ports: [port(80)] },
      'spec.clusterIPs[0]: Invalid value: "ten": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
    [
      'dual-stack demanded of a single-stack cluster',
      { ipFamilyPolicy: 'RequireDualStack', ports: [port(80)], selector: { a: 'b' } },
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    ],
    [
      'IPv6 ClusterIP on an IPv4 cluster',
      { clusterIP: 'fd00::5', ports: [port(80)] },
      'spec.clusterIPs[0]: Invalid value: []string{"fd00::5"}: IPv6 is not configured on this cluster',
    ],
    [
      'IPv6 family on an IPv4 cluster',
      { ipFamilies: ['IPv6'], ports: [port(80)] },
      'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster',
    ],
    [
      'SingleStack with two IPs',
      {
        ipFamilyPolicy: 'SingleStack',
        clusterIP: '10.96.0.7',
        clusterIPs: ['10.96.0.7', 'fd00::7'],
        ports: [port(80)],
      },
      'spec.ipFamilyPolicy: Invalid value: "SingleStack": must be \'RequireDualStack\' or \'PreferDualStack\' when multiple cluster IPs are specified; spec.clusterIPs[1]: Invalid value: []string{"10.96.0.7", "fd00::7"}: IPv6 is not configured on this cluster',
    ],
  ];
  for (const [name, spec, message] of cases) {
    const before = stateOf(allocators);
    assert.equal(
      describeFailure(expectFailure(allocateServiceCreate(allocators, makeService('x', spec)))),
      message,
      name,
    );
    assert.deepEqual(stateOf(allocators), before, `${name}: allocators untouched`);
  }
});

test('exhausted pools are internal errors, told apart from field errors', () => {
  const ports = makeAllocators({ ports: { base: 30000, size: 1 } });
  expectSuccess(allocateServiceCreate(ports, makeService('one', { type: 'NodePort', ports: [port(80)] })));
  const nodePortFull = expectFailure(
    allocateServiceCreate(ports, makeService('two', { type: 'NodePort', ports: [port(80)] })),
  );
  assert.deepEqual(nodePortFull, { kind: 'InternalError', message: 'failed to allocate a nodePort: range is full' });

  const health = makeAllocators({ ports: { base: 30000, size: 1 } });
  const lb = makeService('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [port(80)] });
  const before = stateOf(health);
  const healthFull = expectFailure(allocateServiceCreate(health, lb));
  assert.deepEqual(healthFull, {
    kind: 'InternalError',
    message: 'failed to allocate a HealthCheck NodePort 0: range is full',
  });
  assert.deepEqual(stateOf(health), before, 'the nodePort and ClusterIP taken first are given back');

  const ips = makeAllocators({ cidrs: ['10.0.0.0/30'] });
  for (const name of ['a', 'b']) expectSuccess(allocateServiceCreate(ips, makeService(name, { ports: [port(80)] })));
  const ipFull = expectFailure(allocateServiceCreate(ips, makeService('c', { ports: [port(80)] })));
  assert.deepEqual(ipFull, { kind: 'InternalError', message: 'failed to allocate a serviceIP: range is full' });
});

test('headless and ExternalName Services get no ClusterIP', () => {
  const allocators = makeAllocators();
  const headless = expectSuccess(
    allocateServiceCreate(allocators, makeService('h', { clusterIP: 'None', selector: { a: 'b' }, ports: [port(80)] })),
  ).service;
  assert.deepEqual(specOf(headless).clusterIPs, ['None']);
  assert.deepEqual(specOf(headless).ipFamilies, ['IPv4']);
  const selectorless = expectSuccess(
    allocateServiceCreate(allocators, makeService('s', { clusterIP: 'None' })),
  ).service;
  assert.equal(specOf(selectorless).ipFamilyPolicy, 'RequireDualStack');
  assert.deepEqual(specOf(selectorless).ipFamilies, ['IPv4', 'IPv6']);
  const external = expectSuccess(
    allocateServiceCreate(allocators, makeService('e', { type: 'ExternalName', externalName: 'example.com' })),
  ).service;
  assert.deepEqual(specOf(external), { type: 'ExternalName', externalName: 'example.com' });
  assert.equal(allocators.clusterIPs[0]?.used(), 0);
});

test('NodePort: dynamic ports above 30085, requested ones anywhere in the range', () => {
  const allocators = makeAllocators();
  const input = makeService('np', { type: 'NodePort', ports: [port(80), port(443, 30001), port(8080)] });
  const spec = specOf(expectSuccess(allocateServiceCreate(allocators, input)).service);
  const [first, second, third] = (spec.ports ?? []).map((p) => p.nodePort ?? 0);
  assert.equal(second, 30001);
  for (const dynamic of [first, third]) assert.ok(dynamic !== undefined && dynamic >= 30086 && dynamic <= 32767);
  assert.deepEqual(allocators.nodePorts.values(), [first, second, third].sort());
});

test('53/TCP and 53/UDP share one nodePort, dynamic or requested by either', () => {
  const allocators = makeAllocators();
  const dns = makeService('dns', { type: 'NodePort', ports: [port(53, undefined, 'TCP'), port(53, undefined, 'UDP')] });
  const dynamic = specOf(expectSuccess(allocateServiceCreate(allocators, dns)).service).ports ?? [];
  assert.equal(dynamic[0]?.nodePort, dynamic[1]?.nodePort);
  assert.equal(allocators.nodePorts.used(), 1);

  const requested = makeService('dns2', {
    type: 'NodePort',
    ports: [port(53, undefined, 'TCP'), port(53, 30053, 'UDP')],
  });
  const shared = specOf(expectSuccess(allocateServiceCreate(allocators, requested)).service).ports ?? [];
  assert.deepEqual(
    shared.map((p) => p.nodePort),
    [30053, 30053],
  );
  assert.equal(allocators.nodePorts.used(), 2);
});

test('healthCheckNodePort: LoadBalancer + Local only', () => {
  const allocators = makeAllocators();
  const create = (name: string, type: string, policy: string): number | undefined =>
    specOf(
      expectSuccess(
        allocateServiceCreate(
          allocators,
          makeService(name, { type, externalTrafficPolicy: policy, ports: [port(80)] }),
        ),
      ).service,
    ).healthCheckNodePort;
  const health = create('lb-local', 'LoadBalancer', 'Local');
  assert.ok(health !== undefined && allocators.nodePorts.has(health));
  assert.equal(create('np-local', 'NodePort', 'Local'), undefined);
  assert.equal(create('lb-cluster', 'LoadBalancer', 'Cluster'), undefined);
  const requested = makeService('lb-req', {
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 30010,
    ports: [port(80)],
  });
  assert.equal(specOf(expectSuccess(allocateServiceCreate(allocators, requested)).service).healthCheckNodePort, 30010);
  assert.equal(allocators.nodePorts.has(30010), true);
});

test('a LoadBalancer without node ports keeps only requested ones', () => {
  const allocators = makeAllocators();
  const input = makeService('lb', {
    type: 'LoadBalancer',
    allocateLoadBalancerNodePorts: false,
    ports: [port(80), port(443, 30443)],
  });
  const ports = specOf(expectSuccess(allocateServiceCreate(allocators, input)).service).ports ?? [];
  assert.deepEqual(
    ports.map((p) => p.nodePort),
    [undefined, 30443],
  );
  assert.deepEqual(allocators.nodePorts.values(), [30443]);
});

test('a failed create gives back what it took; revert and release do too', () => {
  const allocators = makeAllocators();
  expectSuccess(allocateServiceCreate(allocators, makeService('a', { type: 'NodePort', ports: [port(80, 30500)] })));
  const before = stateOf(allocators);
  const collides = makeService('b', { type: 'NodePort', ports: [port(80), port(81, 30500)] });
  expectFailure(allocateServiceCreate(allocators, collides));
  assert.deepEqual(stateOf(allocators), before);

  const created = expectSuccess(
    allocateServiceCreate(allocators, makeService('c', { type: 'NodePort', ports: [port(80)] })),
  );
  created.transaction.revert();
  assert.deepEqual(stateOf(allocators), before, 'revert after a failed store write');

  const lb = makeService('d', {
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    ports: [port(53, 0, 'UDP'), port(53)],
  });
  const kept = expectSuccess(allocateServiceCreate(allocators, lb));
  kept.transaction.commit();
  assert.equal(allocators.nodePorts.used(), 3);
  releaseService(allocators, kept.service);
  assert.deepEqual(stateOf(allocators), before, 'delete releases the IP, the nodePort and the healthCheckNodePort');
});

test('dual-stack clusters give PreferDualStack Services an address per family', () => {
  const allocators = makeAllocators({ cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] });
  const input = makeService('dual', {
    ipFamilyPolicy: 'PreferDualStack',
    clusterIP: '10.96.0.20',
    ports: [port(80)],
  });
  const spec = specOf(expectSuccess(allocateServiceCreate(allocators, input)).service);
  assert.deepEqual(spec.ipFamilies, ['IPv4', 'IPv6']);
  assert.equal(spec.clusterIP, '10.96.0.20');
  assert.equal(spec.clusterIPs?.length, 2);
  assert.equal(allocators.clusterIPs.at(1)?.has(spec.clusterIPs.at(1) ?? ''), true);
  const single = specOf(
    expectSuccess(allocateServiceCreate(allocators, makeService('one', { ports: [port(80)] }))).service,
  );
  assert.deepEqual(single.ipFamilies, ['IPv4']);
  const v6 = makeService('v6', { ipFamilies: ['IPv6'], ports: [port(80)] });
  assert.equal(
    specOf(expectSuccess(allocateServiceCreate(allocators, v6)).service).clusterIP?.startsWith('fd00:10:96::'),
    true,
  );
});
