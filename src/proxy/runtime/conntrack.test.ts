import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeService, makeSlice } from '../fixtures.ts';
import { buildSnapshot } from '../snapshot.ts';
import { cleanStaleUdpFlows, conntrackCleanupRequired, conntrackCommand, parseConntrackUdp } from './conntrack.ts';
import type { CommandResult } from '../../exec/command.ts';

const node = { name: 'node-1', ipFamily: 'IPv4' as const };
const dns = makeService('kube-system', 'dns', {
  type: 'NodePort',
  clusterIP: '10.96.0.10',
  externalIPs: ['192.0.2.5'],
  ports: [{ name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }],
});
const slice = makeSlice(
  'kube-system',
  'dns',
  1,
  [{ addresses: ['10.244.1.5'] }],
  [{ name: 'dns', port: 53, protocol: 'UDP' }],
);

const listing = [
  'udp      17 29 src=10.0.0.1 dst=10.96.0.10 sport=40000 dport=53 [UNREPLIED] src=10.244.1.4 dst=10.0.0.1 sport=53 dport=40000 mark=0 use=1',
  'udp      17 29 src=10.0.0.1 dst=10.96.0.10 sport=40001 dport=53 src=10.244.1.5 dst=10.0.0.1 sport=53 dport=40001 mark=0 use=1',
  'udp      17 29 src=10.0.0.2 dst=192.168.1.1 sport=40002 dport=30053 src=10.244.1.4 dst=10.0.0.2 sport=53 dport=40002 mark=0 use=1',
  'tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.96.0.1 sport=1 dport=443 src=10.0.0.9 dst=10.0.0.1 sport=443 dport=1 [ASSURED] mark=0 use=1',
].join('\n');

test('conntrack -L lines parse into original destination and reply source', () => {
  assert.deepEqual(parseConntrackUdp(listing)[0], { origDst: '10.96.0.10', origDstPort: 53, replySrc: '10.244.1.4' });
  assert.equal(parseConntrackUdp(listing).length, 3);
});

test('flows to a gone endpoint are deleted by frontend and by NodePort; live ones stay', async () => {
  const calls: string[][] = [];
  const run = (argv: readonly string[]): Promise<CommandResult> => {
    calls.push([...argv]);
    return Promise.resolve({ code: 0, stdout: argv[1] === '-L' ? listing : '', stderr: '' });
  };
  const snapshot = buildSnapshot([dns], [slice], node);
  assert.equal(await cleanStaleUdpFlows(conntrackCommand(run), snapshot), 2);
  assert.deepEqual(calls, [
    ['conntrack', '-L', '-p', 'udp', '-f', 'ipv4'],
    [
      'conntrack',
      '-D',
      '-p',
      'udp',
      '-f',
      'ipv4',
      '--orig-dst',
      '10.96.0.10',
      '--orig-port-dst',
      '53',
      '--reply-src',
      '10.244.1.4',
    ],
    ['conntrack', '-D', '-p', 'udp', '-f', 'ipv4', '--orig-port-dst', '30053', '--reply-src', '10.244.1.4'],
  ]);
});

test('no serving endpoints: nothing is listed or deleted', async () => {
  const calls: string[][] = [];
  const run = (argv: readonly string[]): Promise<CommandResult> => {
    calls.push([...argv]);
    return Promise.resolve({ code: 0, stdout: listing, stderr: '' });
  };
  assert.equal(await cleanStaleUdpFlows(conntrackCommand(run), buildSnapshot([dns], [], node)), 0);
  assert.deepEqual(calls, []);
});

test('cleanup is required only when a changed Service has a UDP port', () => {
  const before = buildSnapshot([dns], [], node);
  const after = buildSnapshot([dns], [slice], node);
  assert.equal(conntrackCleanupRequired(before, after, new Set(['kube-system/dns'])), true);
  assert.equal(conntrackCleanupRequired(before, after, new Set(['default/web'])), false);
  assert.equal(conntrackCleanupRequired(after, buildSnapshot([], [], node), new Set(['kube-system/dns'])), true);
});
