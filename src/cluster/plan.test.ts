import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkInterfaceName, checkNamespaceName } from '../agent/netns/index.ts';
import {
  ClusterPlanError,
  DEFAULT_CLUSTER_OPTIONS,
  isClusterNamespace,
  planCluster,
  podNamespacePrefix,
} from './plan.ts';

const base = { ...DEFAULT_CLUSTER_OPTIONS, stateDir: '/tmp/state' };

test('the default plan: names, addresses and the folder', () => {
  const plan = planCluster(base);
  assert.equal(plan.dir, '/tmp/state/portico');
  assert.equal(plan.kubeconfigPath, '/tmp/state/portico/kubeconfig');
  assert.equal(plan.fabricNamespace, 'portico-portico-fabric');
  assert.equal(plan.hostIP, '192.168.77.1');
  assert.equal(plan.apiServerURL, 'https://192.168.77.1:6443');
  assert.deepEqual(
    plan.nodes.map((n) => [n.name, n.namespace, n.ip, n.fabricPort]),
    [
      ['portico-node-1', 'portico-portico-node-1', '192.168.77.11', 'portico-node1'],
      ['portico-node-2', 'portico-portico-node-2', '192.168.77.12', 'portico-node2'],
    ],
  );
  assert.match(plan.hostLink, /^portico-c[0-9a-f]{6}$/);
});

test('bad options are refused with the flag to change', () => {
  const refused = (options: Partial<typeof base>, message: RegExp): void => {
    assert.throws(
      () => planCluster({ ...base, ...options }),
      (error: unknown) => {
        assert.ok(error instanceof ClusterPlanError);
        assert.match(error.message, message);
        return true;
      },
    );
  };
  refused({ name: 'Bad_Name' }, /cluster name "Bad_Name" must be/);
  refused({ name: 'a-very-long-cluster-name-indeed' }, /cluster name/);
  refused({ nodes: 0 }, /--nodes must be between 1 and 50/);
  refused({ nodeNetwork: '192.168.77.0/29' }, /--node-network 192.168.77.0\/29 is too small for 2 nodes/);
  refused({ podCIDR: '10.244.0.0/25' }, /--pod-cidr must be \/24 or larger/);
  refused({ serviceCIDR: '10.244.0.0/16' }, /--pod-cidr 10.244.0.0\/16 overlaps --service-cidr 10.244.0.0\/16/);
  refused({ nodeNetwork: 'fd00::/64' }, /--node-network must be an IPv4 CIDR/);
});

const clusterName = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/);

test('every name a plan makes is one the netns layer accepts, and belongs to that cluster only', () => {
  fc.assert(
    fc.property(clusterName, clusterName, fc.integer({ min: 1, max: 50 }), (name, other, nodes) => {
      const plan = planCluster({ ...base, name, nodes });
      checkNamespaceName(plan.fabricNamespace);
      checkInterfaceName(plan.hostLink);
      checkInterfaceName(plan.hostPeer);
      checkInterfaceName(plan.fabricBridge);
      checkInterfaceName(plan.podBridge);
      for (const node of plan.nodes) {
        checkNamespaceName(node.namespace);
        checkInterfaceName(node.fabricPort);
        checkInterfaceName(node.uplink);
        const pod = `${podNamespacePrefix(node)}0123456789ab`;
        checkNamespaceName(pod);
        assert.ok(isClusterNamespace(plan, node.namespace));
        assert.ok(isClusterNamespace(plan, pod));
      }
      assert.equal(new Set(plan.nodes.map((n) => n.ip)).size, nodes);
      if (other !== name) {
        const theirs = planCluster({ ...base, name: other, nodes });
        for (const node of theirs.nodes) {
          assert.ok(!isClusterNamespace(plan, node.namespace), `${name} claims ${node.namespace}`);
          assert.ok(!isClusterNamespace(plan, `${podNamespacePrefix(node)}0123456789ab`));
        }
        assert.ok(!isClusterNamespace(plan, theirs.fabricNamespace));
      }
    }),
  );
});

test("namespaces that are not the cluster's are never claimed", () => {
  const plan = planCluster(base);
  for (const ns of [
    'portico-pod-0123456789ab',
    'portico-t-node',
    'portico-portico-node-1-x',
    'portico-portico-node-',
  ]) {
    assert.equal(isClusterNamespace(plan, ns), false, ns);
  }
});
