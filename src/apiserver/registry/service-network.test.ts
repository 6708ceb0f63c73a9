import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import { allocatorsFromServices, kubernetesServiceClusterIP } from './service-network.ts';

const network = { nodePortRange: { base: 30000, size: 2768 }, serviceCIDR: '10.96.0.0/12' };

function nodePortService(name: string, clusterIP: string, nodePort: number): Service {
  return {
    metadata: { namespace: 'default', name },
    spec: { type: 'NodePort', clusterIP, clusterIPs: [clusterIP], ports: [{ port: 80, nodePort }] },
  };
}

test('startup rebuilds the pools from the stored Services and reports only real problems', () => {
  const services = [nodePortService('a', '10.96.0.10', 31155), nodePortService('b', '10.96.0.11', 31155)];
  const { allocators, problems } = allocatorsFromServices(services, network);
  assert.ok(allocators.nodePorts.has(31155));
  assert.ok(allocators.clusterIPs[0]?.has('10.96.0.10'));
  assert.deepEqual(
    problems.map((problem) => problem.kind),
    ['DoubleUse'],
  );
  assert.equal(kubernetesServiceClusterIP(network), '10.96.0.1');
});
