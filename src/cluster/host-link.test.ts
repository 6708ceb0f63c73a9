import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeCommandRunner } from '../agent/netns/index.ts';
import { addHostLink, addHostRoute, deleteHostLink, hostConflicts } from './host-link.ts';

const routes = [
  'default via 192.0.2.1 dev eth0',
  '10.0.0.0/8 via 192.0.2.254 dev eth0',
  '10.96.5.0/24 dev docker0 proto kernel scope link src 10.96.5.1',
  '10.244.1.0/24 via 192.168.77.12 dev portico-c7b0359',
  'blackhole 10.244.9.0/24',
  'local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1',
].join('\n');
const addresses = [
  '1: lo    inet 127.0.0.1/8 scope host lo',
  '4: eth0    inet 192.168.77.5/24 brd 192.168.77.255 scope global eth0',
  '9: portico-c7b0359    inet 192.168.77.1/24 scope global portico-c7b0359',
].join('\n');

function fakeHost(): FakeCommandRunner {
  return new FakeCommandRunner((argv) => {
    if (argv.includes('route')) return { code: 0, stdout: routes, stderr: '' };
    if (argv.includes('addr')) return { code: 0, stdout: addresses, stderr: '' };
    return undefined;
  });
}

test('conflicts: routes and addresses inside a cluster range, not broader routes or our own link', async () => {
  const fake = fakeHost();
  const conflicts = await hostConflicts(
    fake.run,
    ['192.168.77.0/24', '10.244.0.0/16', '10.96.0.0/12'],
    'portico-c7b0359',
  );
  assert.deepEqual(conflicts, [
    { range: '192.168.77.0/24', what: 'address 192.168.77.5/24 on eth0' },
    { range: '10.244.0.0/16', what: 'route blackhole 10.244.9.0/24' },
    { range: '10.96.0.0/12', what: 'route 10.96.5.0/24 dev docker0 proto kernel scope link src 10.96.5.1' },
  ]);
});

test('the host link: one veth into the fabric, its address, routes through it only, deleted by name', async () => {
  const fake = new FakeCommandRunner((argv) =>
    argv[2] === 'delete' ? { code: 1, stdout: '', stderr: 'Cannot find device "portico-c7b0359"' } : undefined,
  );
  await addHostLink(
    fake.run,
    { name: 'portico-c7b0359', peer: 'portico-host', fabricNamespace: 'portico-p-fabric' },
    '192.168.77.1',
    24,
  );
  await addHostRoute(fake.run, 'portico-c7b0359', '10.244.0.0/24', '192.168.77.11');
  assert.equal(await deleteHostLink(fake.run, 'portico-c7b0359'), false);
  assert.deepEqual(fake.lines(), [
    'ip link add portico-c7b0359 type veth peer name portico-host netns portico-p-fabric',
    'ip addr add 192.168.77.1/24 dev portico-c7b0359',
    'ip link set portico-c7b0359 up',
    'ip route add 10.244.0.0/24 via 192.168.77.11 dev portico-c7b0359',
    'ip link delete portico-c7b0359',
  ]);
  await assert.rejects(addHostRoute(fake.run, 'eth0', '10.244.0.0/24', '192.168.77.11'), /must start with "portico-"/);
});

test('a host link that vanishes while ip looks it up counts as gone, and other failures still fail', async () => {
  const vanished = new FakeCommandRunner(() => ({
    code: 2,
    stdout: '',
    stderr: 'RTNETLINK answers: No such device\n',
  }));
  assert.equal(await deleteHostLink(vanished.run, 'portico-c7b0359'), false);
  const refused = new FakeCommandRunner(() => ({
    code: 2,
    stdout: '',
    stderr: 'RTNETLINK answers: Operation not permitted\n',
  }));
  await assert.rejects(deleteHostLink(refused.run, 'portico-c7b0359'), /Operation not permitted/);
});
