import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addRoute, listNamespaces } from './ip.ts';
import { podVethNames } from './names.ts';
import { setupNodeBridge, setupPodNetwork, teardownPodNetwork } from './pod-network.ts';
import { FakeCommandRunner, CommandError } from './runner.ts';

const spec = {
  nodeNamespace: 'portico-node-1',
  podNamespace: 'portico-pod-a',
  bridge: 'portico-br0',
  podIP: '10.244.1.3',
  prefix: 24,
  gateway: '10.244.1.1',
};
const { host, pod } = podVethNames(spec.podNamespace);

test('setupPodNetwork runs exactly these commands, each scoped to a portico namespace', async () => {
  const fake = new FakeCommandRunner();
  const network = await setupPodNetwork(fake.run, spec);
  assert.deepEqual(network, {
    nodeNamespace: 'portico-node-1',
    podNamespace: 'portico-pod-a',
    hostVeth: host,
    podVeth: pod,
  });
  assert.deepEqual(fake.lines(), [
    'ip netns add portico-pod-a',
    `ip -n portico-node-1 link add ${host} type veth peer name ${pod}`,
    `ip -n portico-node-1 link set ${pod} netns portico-pod-a`,
    `ip -n portico-node-1 link set ${host} master portico-br0`,
    `ip -n portico-node-1 link set ${host} type bridge_slave hairpin on`,
    `ip -n portico-node-1 link set ${host} up`,
    'ip -n portico-pod-a link set lo up',
    `ip -n portico-pod-a addr add 10.244.1.3/24 dev ${pod}`,
    `ip -n portico-pod-a link set ${pod} up`,
    'ip -n portico-pod-a route add default via 10.244.1.1',
  ]);
});

test('teardownPodNetwork deletes the veth and namespace by name, and tolerates them being gone', async () => {
  const fake = new FakeCommandRunner(() => ({ code: 1, stdout: '', stderr: 'Cannot find device "x"' }));
  const result = await teardownPodNetwork(fake.run, spec);
  assert.deepEqual(fake.lines(), [`ip -n portico-node-1 link delete ${host}`, 'ip netns delete portico-pod-a']);
  assert.deepEqual(result, { hostVethRemoved: false, namespaceRemoved: false });
});

test('a failure part-way removes only what this setup created', async () => {
  const fake = new FakeCommandRunner((argv) =>
    argv.includes('addr') ? { code: 2, stdout: '', stderr: 'RTNETLINK answers: File exists' } : undefined,
  );
  await assert.rejects(setupPodNetwork(fake.run, spec), CommandError);
  assert.deepEqual(fake.lines().slice(-2), [
    `ip -n portico-node-1 link delete ${host}`,
    'ip netns delete portico-pod-a',
  ]);
});

test('a veth name already taken is not deleted on the way out', async () => {
  const fake = new FakeCommandRunner((argv) =>
    argv.includes('veth') ? { code: 2, stdout: '', stderr: 'RTNETLINK answers: File exists' } : undefined,
  );
  await assert.rejects(setupPodNetwork(fake.run, spec), /File exists/);
  assert.ok(!fake.lines().some((line) => line.includes('link delete')));
  assert.equal(fake.lines().at(-1), 'ip netns delete portico-pod-a');
});

test('names outside the portico prefix are refused before any command runs', async () => {
  const fake = new FakeCommandRunner();
  await assert.rejects(setupPodNetwork(fake.run, { ...spec, podNamespace: 'pod-a' }), /must start with "portico-"/);
  await assert.rejects(teardownPodNetwork(fake.run, { ...spec, nodeNamespace: 'default' }), /must start/);
  assert.deepEqual(fake.commands, []);
});

test('node bridge, routes, forwarding and namespace listing', async () => {
  const fake = new FakeCommandRunner((argv) =>
    argv.join(' ') === 'ip netns list'
      ? { code: 0, stdout: 'portico-pod-a (id: 1)\nportico-node-1\n', stderr: '' }
      : undefined,
  );
  await setupNodeBridge(fake.run, {
    nodeNamespace: 'portico-node-1',
    bridge: 'portico-br0',
    gateway: { address: '10.244.1.1', prefix: 24 },
  });
  await addRoute(fake.run, 'portico-node-1', '10.244.2.0/24', '192.168.77.12');
  assert.deepEqual(fake.lines(), [
    'ip netns add portico-node-1',
    'ip -n portico-node-1 link set lo up',
    'ip -n portico-node-1 link add portico-br0 type bridge',
    'ip -n portico-node-1 addr add 10.244.1.1/24 dev portico-br0',
    'ip -n portico-node-1 link set portico-br0 up',
    'ip netns exec portico-node-1 sysctl -q -w net.ipv4.ip_forward=1',
    'ip -n portico-node-1 route add 10.244.2.0/24 via 192.168.77.12',
  ]);
  assert.deepEqual(await listNamespaces(fake.run), ['portico-pod-a', 'portico-node-1']);
});
