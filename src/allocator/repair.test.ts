import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServiceSpec } from 'kubernetes-types/core/v1.d.ts';
import { repairAllocators, type RepairProblem } from './repair.ts';
import { repairNodePortsOf } from './repair-node-ports.ts';
import { allocateServiceCreate } from './service-allocation.ts';
import { expectSuccess, makeAllocators, makeService, port, stateOf } from './testing.ts';

const brief = (problems: readonly RepairProblem[]): string[] => problems.map((p) => `${p.kind} ${p.message}`);

test('a consistent state rebuilds to itself with no problems', () => {
  const stored = makeAllocators();
  const specs: ServiceSpec[] = [
    { type: 'NodePort', ports: [port(53, undefined, 'TCP'), port(53, undefined, 'UDP')] },
    { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [port(80)] },
    { clusterIP: 'None', selector: { a: 'b' } },
    { type: 'ExternalName', externalName: 'example.com' },
  ];
  const services = specs.map(
    (spec, i) => expectSuccess(allocateServiceCreate(stored, makeService(`s${i}`, spec))).service,
  );
  const result = repairAllocators(services, stored);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(stateOf(result.allocators), stateOf(stored));
});

test('double use, out-of-range values and values missing from the state are reported', () => {
  const stored = makeAllocators();
  stored.nodePorts.allocate(30001);
  stored.clusterIPs[0]?.allocate('10.96.0.10');
  const services = [
    makeService('first', { type: 'NodePort', clusterIP: '10.96.0.10', ports: [port(80, 30001)] }),
    makeService('second', { type: 'NodePort', clusterIP: '10.96.0.10', ports: [port(80, 30001), port(81, 30002)] }),
    makeService('stray', { type: 'NodePort', clusterIP: '1.1.1.1', ports: [port(80, 80)] }),
    makeService('broken', { clusterIP: 'not-an-ip' }),
    makeService('six', { clusterIP: 'fd00::1', clusterIPs: ['fd00::1'] }),
  ];
  const before = stateOf(stored);
  const result = repairAllocators(services, stored);
  assert.deepEqual(brief(result.problems), [
    'DoubleUse the node port 30001 for service default/second was assigned to multiple services; please recreate',
    'NotAllocated the node port 30002 for service default/second is not allocated; repairing',
    'OutOfRange the port 80 for service default/stray is not within the port range 30000-32767; please recreate',
    'DoubleUse the cluster IP [IPv4]:10.96.0.10 for service default/second was assigned to multiple services; please recreate',
    'OutOfRange the cluster IP [IPv4]:1.1.1.1 for service default/stray is not within the service CIDR 10.96.0.0/12; please recreate',
    'InvalidIP the cluster IP not-an-ip for service default/broken is not a valid IP; please recreate',
    'FamilyNotConfigured the cluster IP fd00::1(IPv6) for service default/six is of ip family that is no longer configured on cluster; please recreate',
  ]);
  assert.deepEqual(result.problems[0], {
    kind: 'DoubleUse',
    resource: 'nodePort',
    value: 30001,
    service: 'default/second',
    message: 'the node port 30001 for service default/second was assigned to multiple services; please recreate',
  });
  assert.deepEqual(result.allocators.nodePorts.values(), [30001, 30002]);
  assert.deepEqual(result.allocators.clusterIPs[0]?.values(), ['10.96.0.10']);
  assert.deepEqual(stateOf(stored), before, 'the stored allocators are not changed');
});

test('leaks are kept for two passes and freed on the third', () => {
  let stored = makeAllocators();
  stored.nodePorts.allocate(30002);
  stored.clusterIPs[0]?.allocate('10.96.0.20');
  const leaks = new Map<string, number>();
  const passes = [1, 2, 3].map(() => {
    const result = repairAllocators([], stored, { leaks });
    stored = result.allocators;
    return brief(result.problems);
  });
  const suspected = [
    'LeakSuspected the node port 30002 may have leaked: flagging for later clean up',
    'LeakSuspected the cluster IP [IPv4]:10.96.0.20 may have leaked: flagging for later clean up',
  ];
  assert.deepEqual(passes[0], suspected);
  assert.deepEqual(passes[1], suspected);
  assert.deepEqual(passes[2], [
    'LeakReleased the node port 30002 appears to have leaked: cleaning up',
    'LeakReleased the cluster IP [IPv4]:10.96.0.20 appears to have leaked: cleaning up',
  ]);
  assert.equal(stored.nodePorts.used(), 0);
  assert.equal(stored.clusterIPs[0]?.used(), 0);
  assert.equal(leaks.size, 0);
});

test('a suspected leak that gets an owner is no longer counted', () => {
  const stored = makeAllocators();
  stored.nodePorts.allocate(30003);
  const leaks = new Map<string, number>();
  repairAllocators([], stored, { leaks });
  assert.equal(leaks.size, 1);
  const owner = makeService('late', { type: 'NodePort', ports: [port(80, 30003)] });
  const result = repairAllocators([owner], stored, { leaks });
  assert.deepEqual(result.problems, []);
  assert.equal(leaks.size, 0);
});

test('repair counts a nodePort shared across protocols once, and the healthCheckNodePort too', () => {
  const shared = makeService('dns', {
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 30100,
    ports: [port(53, 30053, 'TCP'), port(53, 30053, 'UDP')],
  });
  assert.deepEqual(repairNodePortsOf(shared), [30053, 30100]);
  const udpOnly = makeService('u', { healthCheckNodePort: 30053, ports: [port(53, 30053, 'UDP')] });
  assert.deepEqual(repairNodePortsOf(udpOnly), [30053]);
  const sameProtocol = makeService('t', { healthCheckNodePort: 30053, ports: [port(53, 30053), port(54, 30053)] });
  assert.deepEqual(repairNodePortsOf(sameProtocol), [30053, 30053, 30053]);
});
