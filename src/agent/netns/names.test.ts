import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkInterfaceName, checkNamespaceName, MAX_INTERFACE_NAME, podVethNames } from './names.ts';

test('pod veth names carry the prefix, fit 15 characters, and are stable per pod namespace', () => {
  const names = podVethNames('portico-pod-default-hello-livefire-7d9f8c6b5-x2x9z');
  assert.match(names.host, /^portico-h[0-9a-f]{6}$/);
  assert.match(names.pod, /^portico-p[0-9a-f]{6}$/);
  assert.equal(names.host.length, MAX_INTERFACE_NAME);
  assert.deepEqual(podVethNames('portico-pod-default-hello-livefire-7d9f8c6b5-x2x9z'), names);
  assert.notEqual(podVethNames('portico-pod-b').host, podVethNames('portico-pod-a').host);
});

test('names without the prefix, too long, or with odd characters are refused', () => {
  assert.throws(() => checkNamespaceName('default'), /must start with "portico-"/);
  assert.throws(() => checkNamespaceName('portico-a b'), /must start with "portico-"/);
  assert.throws(() => checkInterfaceName('portico-bridge0'.padEnd(16, 'x')), /at most 15 characters/);
  assert.throws(() => checkInterfaceName('eth0'), /must start with "portico-"/);
  assert.equal(checkInterfaceName('portico-br0'), 'portico-br0');
});
