import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { Container, Probe } from 'kubernetes-types/core/v1.d.ts';
import type { AgentClock } from './clock.ts';
import { resolveProbePort, runProbe, type ProbeTarget } from './probe-check.ts';
import { ProbeLoop } from './prober.ts';
import { nextBackOffMs, restartPolicyOf, shouldRestart } from './restart-policy.ts';
import { spawnProcess } from './spawn-process.ts';

/** Timers that fire only when `fire` is called. */
class ManualClock implements AgentClock {
  timers: { ms: number; fn: () => void }[] = [];
  now(): Date {
    return new Date(0);
  }
  setTimer(ms: number, fn: () => void): () => void {
    const timer = { ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
  fire(): void {
    const due = this.timers;
    this.timers = [];
    for (const t of due) t.fn();
  }
}

const container: Container = { name: 'c', ports: [{ name: 'http', containerPort: 8080 }] };

function target(clock: AgentClock): ProbeTarget {
  const launcher = {
    launch: (r: { argv: readonly string[]; env: Readonly<Record<string, string>> }) => spawnProcess(r.argv, r.env),
  };
  return {
    podIP: '127.0.0.1',
    podNamespace: 'portico-pod-x',
    container,
    env: { PATH: process.env['PATH'] ?? '' },
    launcher,
    clock,
  };
}

async function listen(status: () => number): Promise<{ server: Server; port: number; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status()).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, paths };
}

test('named probe ports come from the container, numbers pass through, unknown names fail', () => {
  assert.equal(resolveProbePort('http', container), 8080);
  assert.equal(resolveProbePort(81, container), 81);
  assert.equal(resolveProbePort('nope', container), undefined);
});

test('httpGet probes the pod IP with the path; 2xx/3xx succeed, others and refused connections fail', async () => {
  let status = 200;
  const { server, port, paths } = await listen(() => status);
  const clock = new ManualClock();
  const probe: Probe = { httpGet: { path: '/healthz', port } };
  assert.equal(await runProbe(probe, target(clock), 1000), true);
  status = 302;
  assert.equal(await runProbe(probe, target(clock), 1000), true);
  status = 500;
  assert.equal(await runProbe(probe, target(clock), 1000), false);
  assert.deepEqual(paths, ['/healthz', '/healthz', '/healthz']);
  await new Promise((resolve) => server.close(resolve));
  assert.equal(await runProbe(probe, target(clock), 1000), false);
  assert.equal(await runProbe({ tcpSocket: { port } }, target(clock), 1000), false);
});

test('tcpSocket succeeds on connect; exec succeeds on exit 0 and fails otherwise', async () => {
  const { server, port } = await listen(() => 200);
  const clock = new ManualClock();
  assert.equal(await runProbe({ tcpSocket: { port } }, target(clock), 1000), true);
  await new Promise((resolve) => server.close(resolve));
  assert.equal(await runProbe({ exec: { command: ['node', '-e', 'process.exit(0)'] } }, target(clock), 1000), true);
  assert.equal(await runProbe({ exec: { command: ['node', '-e', 'process.exit(3)'] } }, target(clock), 1000), false);
});

test('a probe that outlives its timeout on the clock fails and its process is killed', async () => {
  const clock = new ManualClock();
  const result = runProbe({ exec: { command: ['node', '-e', 'setInterval(() => {}, 1000)'] } }, target(clock), 1000);
  assert.equal(clock.timers[0]?.ms, 1000);
  clock.fire();
  assert.equal(await result, false);
});

test('a probe loop flips only after its thresholds, with the defaults and on the clock', async () => {
  const clock = new ManualClock();
  const results = [true, false, false, false, true];
  const changes: boolean[] = [];
  const settled: (() => void)[] = [];
  const check = (): Promise<boolean> => {
    const next = results.shift() ?? true;
    return Promise.resolve(next).finally(() => settled.shift()?.());
  };
  const loop = new ProbeLoop({}, clock, check, (ok) => changes.push(ok), false);
  const attempt = async (): Promise<void> => {
    const done = new Promise<void>((resolve) => settled.push(resolve));
    if (clock.timers.length === 0) loop.start();
    else clock.fire();
    await done;
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (let i = 0; i < 5; i++) await attempt();
  // Ready after one success; not ready only after the third failure in a row; ready again after one success.
  assert.deepEqual(changes, [true, false, true]);
  assert.deepEqual(
    clock.timers.map((t) => t.ms),
    [10_000],
  );
  await loop.stop();
  assert.equal(clock.timers.length, 0);
});

test('restart policy and back-off follow kubelet', () => {
  assert.equal(restartPolicyOf(undefined), 'Always');
  assert.equal(shouldRestart('Always', 0), true);
  assert.equal(shouldRestart('OnFailure', 0), false);
  assert.equal(shouldRestart('OnFailure', 1), true);
  assert.equal(shouldRestart('Never', 1), false);
  const delays = [0];
  for (let i = 0; i < 7; i++) delays.push(nextBackOffMs(delays.at(-1) ?? 0));
  assert.deepEqual(delays, [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
});
