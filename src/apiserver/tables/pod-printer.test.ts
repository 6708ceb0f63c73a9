import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStateTerminated, ContainerStatus, Pod } from 'kubernetes-types/core/v1.d.ts';
import { podPrinter } from './pod-printer.ts';
import { ago, DAY, HOUR, MINUTE, NOW } from './testing.ts';

function pod(extra: { spec?: Partial<NonNullable<Pod['spec']>>; status?: Pod['status']; deleting?: boolean }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'default',
      creationTimestamp: ago(2 * DAY + 3 * HOUR),
      ...(extra.deleting === true ? { deletionTimestamp: ago(MINUTE) } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...extra.spec },
    ...(extra.status === undefined ? {} : { status: extra.status }),
  };
}

function running(name: string, restartCount = 0, ready = true): ContainerStatus {
  return { name, image: 'nginx', imageID: '', ready, restartCount, state: { running: { startedAt: ago(HOUR) } } };
}

const cells = (p: Pod) => podPrinter.cells(p, NOW);
const conditions = (p: Pod) => (podPrinter.conditions === undefined ? undefined : podPrinter.conditions(p));

test('columns: Restarts is a string column; four wide columns', () => {
  assert.deepEqual(
    podPrinter.columns.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ],
  );
});

test('a running pod: every cell, wide ones included', () => {
  const p = pod({
    spec: { nodeName: 'node-1' },
    status: {
      phase: 'Running',
      podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00::5' }],
      containerStatuses: [running('app')],
    },
  });
  assert.deepEqual(cells(p), ['web-1', '1/1', 'Running', '0', '2d3h', '10.244.1.5', 'node-1', '<none>', '<none>']);
});

test('a pending pod: the waiting reason, 0/N ready, <none> for IP and node', () => {
  const waiting: ContainerStatus = {
    ...running('app'),
    ready: false,
    state: { waiting: { reason: 'ContainerCreating' } },
  };
  const p = pod({
    spec: { containers: [{ name: 'app' }, { name: 'side' }] },
    status: { phase: 'Pending', containerStatuses: [waiting] },
  });
  assert.deepEqual(cells(p).slice(1, 4), ['0/2', 'ContainerCreating', '0']);
  assert.deepEqual(cells(p).slice(5), ['<none>', '<none>', '<none>', '<none>']);
  assert.equal(cells(pod({}))[2], '');
});

test('restarts show when the last one ended: "3 (5m ago)"', () => {
  const crashing: ContainerStatus = {
    ...running('app', 3, false),
    state: { waiting: { reason: 'CrashLoopBackOff' } },
    lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * MINUTE) } },
  };
  assert.deepEqual(cells(pod({ status: { phase: 'Running', containerStatuses: [crashing] } })).slice(1, 4), [
    '0/1',
    'CrashLoopBackOff',
    '3 (5m ago)',
  ]);
  const noDate = { ...running('app', 2), lastState: {} };
  assert.equal(cells(pod({ status: { phase: 'Running', containerStatuses: [noDate] } }))[3], '2');
});

test('terminated containers: reason, or Signal:N / ExitCode:N', () => {
  const ended = (terminated: ContainerStateTerminated): Pod =>
    pod({
      status: { phase: 'Running', containerStatuses: [{ ...running('app'), ready: false, state: { terminated } }] },
    });
  assert.equal(cells(ended({ exitCode: 0, reason: 'Completed' }))[2], 'Completed');
  assert.equal(cells(ended({ exitCode: 137, signal: 9 }))[2], 'Signal:9');
  assert.equal(cells(ended({ exitCode: 2 }))[2], 'ExitCode:2');
});

test('Completed turns back into Running (or NotReady) while another container still runs', () => {
  const done: ContainerStatus = {
    ...running('job'),
    ready: false,
    state: { terminated: { exitCode: 0, reason: 'Completed' } },
  };
  const status = (ready: boolean): Pod['status'] => ({
    phase: 'Running',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containerStatuses: [running('app'), done],
  });
  const spec = { containers: [{ name: 'app' }, { name: 'job' }] };
  assert.deepEqual(cells(pod({ spec, status: status(true) })).slice(1, 3), ['1/2', 'Running']);
  assert.deepEqual(cells(pod({ spec, status: status(false) })).slice(1, 3), ['1/2', 'NotReady']);
});

test('init containers: Init:i/n, Init:<reason>, Init:ExitCode:N', () => {
  const spec = { initContainers: [{ name: 'a' }, { name: 'b' }] };
  const init = (statuses: ContainerStatus[]): Pod =>
    pod({ spec, status: { phase: 'Pending', initContainerStatuses: statuses, containerStatuses: [] } });
  const doneA: ContainerStatus = { ...running('a'), state: { terminated: { exitCode: 0 } } };
  const runningB: ContainerStatus = { ...running('b', 0, false) };
  assert.equal(cells(init([doneA, runningB]))[2], 'Init:1/2');
  const crash: ContainerStatus = { ...running('a', 4, false), state: { waiting: { reason: 'CrashLoopBackOff' } } };
  assert.deepEqual(cells(init([crash])).slice(2, 4), ['Init:CrashLoopBackOff', '4']);
  const failed: ContainerStatus = { ...running('a', 0, false), state: { terminated: { exitCode: 3 } } };
  assert.equal(cells(init([failed]))[2], 'Init:ExitCode:3');
  const errored: ContainerStatus = {
    ...running('a', 0, false),
    state: { terminated: { exitCode: 1, reason: 'Error' } },
  };
  assert.equal(cells(init([errored]))[2], 'Init:Error');
  const podInit: ContainerStatus = { ...running('a', 0, false), state: { waiting: { reason: 'PodInitializing' } } };
  assert.equal(cells(init([podInit]))[2], 'Init:0/2');
});

test('a started sidecar (restartPolicy Always) counts in READY and its total', () => {
  const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] };
  const sidecar: ContainerStatus = { ...running('proxy', 1), started: true };
  const p = pod({
    spec,
    status: { phase: 'Running', initContainerStatuses: [sidecar], containerStatuses: [running('app')] },
  });
  assert.deepEqual(cells(p).slice(1, 4), ['2/2', 'Running', '1']);
});

test('deleting pods: Terminating, or Unknown when the node was lost; finished ones keep their status', () => {
  const status = { phase: 'Running', containerStatuses: [running('app')] };
  assert.equal(cells(pod({ deleting: true, status }))[2], 'Terminating');
  assert.equal(cells(pod({ deleting: true, status: { ...status, reason: 'NodeLost' } }))[2], 'Unknown');
  assert.equal(cells(pod({ deleting: true, status: { phase: 'Succeeded' } }))[2], 'Succeeded');
});

test('status.reason and SchedulingGated override the phase', () => {
  assert.equal(cells(pod({ status: { phase: 'Failed', reason: 'Evicted' } }))[2], 'Evicted');
  const gated = {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
  };
  assert.equal(cells(pod({ status: gated }))[2], 'SchedulingGated');
});

test('readiness gates and the nominated node', () => {
  const p = pod({
    spec: { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
    status: {
      phase: 'Running',
      nominatedNodeName: 'node-2',
      conditions: [
        { type: 'example.com/lb', status: 'True' },
        { type: 'example.com/dns', status: 'False' },
      ],
    },
  });
  assert.deepEqual(cells(p).slice(7), ['node-2', '1/2']);
});

test('finished pods carry a Completed row condition', () => {
  assert.deepEqual(conditions(pod({ status: { phase: 'Succeeded' } })), [
    { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
  ]);
  assert.equal(conditions(pod({ status: { phase: 'Failed' } }))?.[0]?.reason, 'Failed');
  assert.equal(conditions(pod({ status: { phase: 'Running' } })), undefined);
});
