import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FieldError, fieldErrorString } from '../field-errors.ts';
import { validateNode, validateNodeUpdate } from './node.ts';

const lines = (errors: readonly FieldError[]): string[] => errors.map(fieldErrorString);
const metadata = { name: 'portico-node-1', resourceVersion: '1' };

const goodNode = {
  metadata,
  spec: {
    podCIDR: '10.244.1.0/24',
    podCIDRs: ['10.244.1.0/24'],
    taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
  },
  status: {
    addresses: [
      { type: 'InternalIP', address: '192.168.77.11' },
      { type: 'Hostname', address: 'portico-node-1' },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    capacity: { cpu: '2', memory: '4Gi', pods: '110' },
  },
};

test('a node as the agent registers it is valid', () => {
  assert.deepEqual(validateNode(goodNode), []);
});

test('addresses are IPs for IP types and DNS names otherwise; the kubelet port is a port', () => {
  const node = {
    metadata,
    status: {
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1#' },
        { type: 'Hostname', address: 'host/path?' },
        { type: 'Elsewhere', address: '10.0.0.1' },
        { type: 'ExternalIP' },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 70000 } },
    },
  };
  const errors = lines(validateNode(node));
  assert.equal(
    errors[0],
    'status.addresses[0].address: Invalid value: "127.0.0.1#": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  );
  assert.match(
    errors[1] ?? '',
    /^status\.addresses\[1\]\.address: Invalid value: "host\/path\?": a lowercase RFC 1123 subdomain/,
  );
  assert.equal(
    errors[2],
    'status.addresses[2].type: Unsupported value: "Elsewhere": supported values: "ExternalDNS", "ExternalIP", "Hostname", "InternalDNS", "InternalIP"',
  );
  assert.equal(errors[3], 'status.addresses[3].address: Required value');
  assert.equal(
    errors[4],
    'status.daemonEndpoints.kubeletEndpoint.Port: Invalid value: 70000: must be between 0 and 65535, inclusive',
  );
  assert.equal(errors.length, 5);
});

test('pod CIDRs, taints (under metadata, as upstream reports them), capacity', () => {
  const node = {
    metadata,
    spec: {
      podCIDRs: ['10.244.1.0/24', '10.244.2.0/24', 'x'],
      taints: [
        { key: 'k', effect: 'NoSchedule' },
        { key: 'k', effect: 'NoSchedule' },
        { key: 'j', effect: 'Sometimes' },
      ],
    },
    status: { capacity: { cpu: '-1' } },
  };
  assert.deepEqual(lines(validateNode(node)), [
    'metadata.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair',
    'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
    'spec.podCIDRs[2]: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    'spec.podCIDRs: Invalid value: []string{"10.244.1.0/24", "10.244.2.0/24", "x"}: may specify no more than one CIDR for each IP family',
  ]);
});

test('updates: pod CIDRs and the provider ID are set once; addresses do not repeat', () => {
  const old = { ...goodNode, spec: { ...goodNode.spec, providerID: 'portico://1' } };
  const moved = {
    ...old,
    spec: { ...old.spec, podCIDR: '10.244.9.0/24', podCIDRs: ['10.244.9.0/24'], providerID: 'other://1' },
    status: { ...old.status, addresses: [...old.status.addresses, { type: 'Hostname', address: 'portico-node-1' }] },
  };
  assert.deepEqual(lines(validateNodeUpdate(moved, old)), [
    'status.addresses[2]: Duplicate value: core.NodeAddress{Type:"Hostname", Address:"portico-node-1"}',
    'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
  ]);
  const unassigned = { ...goodNode, spec: {} };
  assert.deepEqual(validateNodeUpdate(goodNode, unassigned), []);
});
