import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRenderConfig } from '../iptables/config.ts';
import type { CommandResult } from '../../exec/command.ts';
import { memoryLogger } from './logger.ts';
import { applySysctls, sysctlPlan } from './sysctls.ts';

test('the plan: route_localnet for IPv4 localhost NodePorts, conntrack max per CPU with a floor', () => {
  assert.deepEqual(sysctlPlan(defaultRenderConfig, 2), { routeLocalnet: true, conntrackMax: 131072 });
  assert.deepEqual(sysctlPlan(defaultRenderConfig, 8), { routeLocalnet: true, conntrackMax: 262144 });
  assert.equal(sysctlPlan({ ...defaultRenderConfig, localhostNodePorts: false }, 2).routeLocalnet, false);
  assert.equal(sysctlPlan({ ...defaultRenderConfig, ipFamily: 'IPv6' }, 2).routeLocalnet, false);
});

test('sets route_localnet, raises a small nf_conntrack_max, and logs a refusal without failing', async () => {
  const calls: string[] = [];
  const run = (argv: readonly string[]): Promise<CommandResult> => {
    calls.push(argv.join(' '));
    if (argv[1] === '-n') return Promise.resolve({ code: 0, stdout: '65536\n', stderr: '' });
    if (argv[2]?.startsWith('net.netfilter')) {
      return Promise.resolve({ code: 255, stdout: '', stderr: 'permission denied on key' });
    }
    return Promise.resolve({ code: 0, stdout: '', stderr: '' });
  };
  const log = memoryLogger();
  await applySysctls(run, { routeLocalnet: true, conntrackMax: 131072 }, log);
  assert.deepEqual(calls, [
    'sysctl -w net.ipv4.conf.all.route_localnet=1',
    'sysctl -n net.netfilter.nf_conntrack_max',
    'sysctl -w net.netfilter.nf_conntrack_max=131072',
  ]);
  assert.deepEqual(log.lines, [
    'I set sysctl net.ipv4.conf.all.route_localnet=1',
    'W cannot set sysctl net.netfilter.nf_conntrack_max=131072: permission denied on key',
  ]);
});

test('a large enough nf_conntrack_max is left alone', async () => {
  const calls: string[] = [];
  const run = (argv: readonly string[]): Promise<CommandResult> => {
    calls.push(argv.join(' '));
    return Promise.resolve({ code: 0, stdout: '262144\n', stderr: '' });
  };
  await applySysctls(run, { routeLocalnet: false, conntrackMax: 131072 }, memoryLogger());
  assert.deepEqual(calls, ['sysctl -n net.netfilter.nf_conntrack_max']);
});
