import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerCommand } from './container-command.ts';
import { cidrGateway, cidrPrefix, PodCIDRError, PodIPAllocator } from './pod-ips.ts';

test('pod IPs skip the network and gateway addresses, are stable per pod, and are reused once freed', () => {
  const ips = new PodIPAllocator('10.244.3.0/30');
  assert.equal(cidrGateway('10.244.3.0/24'), '10.244.3.1');
  assert.equal(cidrPrefix('10.244.3.0/24'), 24);
  assert.equal(ips.allocate('a'), '10.244.3.2');
  assert.equal(ips.allocate('a'), '10.244.3.2');
  assert.throws(() => ips.allocate('b'), PodCIDRError);
  ips.release('a');
  assert.equal(ips.allocate('b'), '10.244.3.2');
  assert.throws(() => new PodIPAllocator('fd00::/64'), PodCIDRError);
});

test('a container command gets its env, the pod identity and $(VAR) expansion; unknown images are refused', () => {
  const pod = { podName: 'p', podIP: '10.244.0.2', nodeName: 'n' };
  const run = containerCommand(
    {
      name: 'c',
      command: ['sh', '-c'],
      args: ['echo $(GREETING) $(POD_IP) $(NOPE) $$(X)'],
      env: [{ name: 'GREETING', value: 'hi' }],
    },
    pod,
    { PATH: '/bin' },
  );
  assert.deepEqual(run, {
    ok: true,
    argv: ['sh', '-c', 'echo hi 10.244.0.2 $(NOPE) $(X)'],
    env: { PATH: '/bin', GREETING: 'hi', POD_NAME: 'p', POD_IP: '10.244.0.2', NODE_NAME: 'n' },
  });
  const refused = containerCommand({ name: 'c', image: 'nginx:1.25' }, pod, {});
  assert.ok(!refused.ok);
  assert.equal(refused.reason, 'ErrImageNeverPull');
});
