import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { nodePrinter } from './node-printer.ts';
import { ago, DAY, NOW } from './testing.ts';

function node(extra: { labels?: Record<string, string>; spec?: Node['spec']; status?: Node['status'] }): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', creationTimestamp: ago(30 * DAY), labels: extra.labels ?? {} },
    ...(extra.spec === undefined ? {} : { spec: extra.spec }),
    ...(extra.status === undefined ? {} : { status: extra.status }),
  };
}

const ready = (status: string) => [{ type: 'Ready', status }];
const nodeInfo = {
  architecture: 'amd64',
  bootID: '',
  containerRuntimeVersion: 'portico://0.1.0',
  kernelVersion: '6.1.0-18-amd64',
  kubeProxyVersion: '',
  kubeletVersion: 'v1.34.0',
  machineID: '',
  operatingSystem: 'linux',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  systemUUID: '',
};

test('columns: five wide ones after Version', () => {
  assert.deepEqual(
    nodePrinter.columns.map((c) => [c.name, c.priority]),
    [
      ['Name', 0],
      ['Status', 0],
      ['Roles', 0],
      ['Age', 0],
      ['Version', 0],
      ['Internal-IP', 1],
      ['External-IP', 1],
      ['OS-Image', 1],
      ['Kernel-Version', 1],
      ['Container-Runtime', 1],
    ],
  );
});

test('a ready control-plane node: every cell', () => {
  const n = node({
    labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' },
    status: {
      conditions: ready('True'),
      addresses: [
        { type: 'Hostname', address: 'node-1' },
        { type: 'InternalIP', address: '192.168.77.11' },
        { type: 'InternalIP', address: '192.168.77.99' },
      ],
      nodeInfo,
    },
  });
  assert.deepEqual(nodePrinter.cells(n, NOW), [
    'node-1',
    'Ready',
    'control-plane',
    '30d',
    'v1.34.0',
    '192.168.77.11',
    '<none>',
    'Debian GNU/Linux 12 (bookworm)',
    '6.1.0-18-amd64',
    'portico://0.1.0',
  ]);
});

test('status: NotReady, Unknown without a Ready condition, SchedulingDisabled when cordoned', () => {
  assert.equal(nodePrinter.cells(node({ status: { conditions: ready('False') } }), NOW)[1], 'NotReady');
  assert.equal(nodePrinter.cells(node({ status: { conditions: ready('Unknown') } }), NOW)[1], 'NotReady');
  assert.equal(nodePrinter.cells(node({}), NOW)[1], 'Unknown');
  const cordoned = node({ spec: { unschedulable: true }, status: { conditions: ready('True') } });
  assert.equal(nodePrinter.cells(cordoned, NOW)[1], 'Ready,SchedulingDisabled');
  const twice = node({ status: { conditions: [...ready('False'), ...ready('True')] } });
  assert.equal(nodePrinter.cells(twice, NOW)[1], 'Ready');
});

test('roles: both label styles, sorted and unique; <none> without any', () => {
  const labels = {
    'node-role.kubernetes.io/worker': '',
    'node-role.kubernetes.io/ingress': 'true',
    'node-role.kubernetes.io/': '',
    'kubernetes.io/role': 'worker',
  };
  assert.equal(nodePrinter.cells(node({ labels }), NOW)[2], 'ingress,worker');
  assert.equal(nodePrinter.cells(node({ labels: { 'kubernetes.io/role': '' } }), NOW)[2], '<none>');
});

test('missing node info: empty version, <none> addresses, <unknown> system fields', () => {
  assert.deepEqual(nodePrinter.cells(node({}), NOW).slice(4), [
    '',
    '<none>',
    '<none>',
    '<unknown>',
    '<unknown>',
    '<unknown>',
  ]);
  const external = node({ status: { addresses: [{ type: 'ExternalIP', address: '203.0.113.7' }] } });
  assert.equal(nodePrinter.cells(external, NOW)[6], '203.0.113.7');
});
