/**
 * Graceful deletion and node lifecycle through a real API server and the controllers, on a fake clock: a deleted
 * pod stays terminating (and in its EndpointSlice as such) while its ReplicaSet replaces it at once, until the pod GC
 * collects it once the grace period has passed; a node whose heartbeat goes stale turns Unknown and its pods' endpoints
 * not ready, while a node renewing its Lease and a node that never had a heartbeat are left alone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_NODE_PORT_RANGE } from '../src/allocator/port-range.ts';
import { clusterStrategies } from '../src/apiserver/registry/strategies.ts';
import type { ApiServer } from '../src/apiserver/server.ts';
import { startTestServer, testToken } from '../src/apiserver/testing.ts';
import { parseGoDurationSeconds } from '../src/cli/apiserver-command.ts';
import { type RunningControllers, startControllers } from '../src/controllers/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';
import { type ApiWaits, apiWaits, type Obj } from './support/api-waits.ts';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
}

let store: Store;
let server: ApiServer;
let controllers: RunningControllers;
let must: ApiWaits['must'];
let waitFor: ApiWaits['waitFor'];
let current = Date.parse('2025-01-02T03:04:05Z');
const clock = { now: () => new Date(current) };
const errors: string[] = [];
const ns = '/api/v1/namespaces/default';
const slices = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
const webSlices = `${slices}?labelSelector=kubernetes.io%2Fservice-name%3Dweb`;
const webPods = `${ns}/pods?labelSelector=app%3Dweb`;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function node(name: string, heartbeat: string | undefined): unknown {
  const ready = { type: 'Ready', status: 'True', ...(heartbeat === undefined ? {} : { lastHeartbeatTime: heartbeat }) };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { conditions: [ready] } };
}

async function markReady(name: string, podIP: string): Promise<void> {
  const pod = await must('GET', `${ns}/pods/${name}`);
  const conditions = ['PodScheduled', 'Ready'].map((type) => ({ type, status: 'True' }));
  await must('PUT', `${ns}/pods/${name}/status`, { ...pod, status: { phase: 'Running', podIP, conditions } });
}

function endpointsOf(items: Obj[]): SliceEndpoint[] {
  return items.flatMap((slice) => (slice['endpoints'] as SliceEndpoint[] | undefined) ?? []);
}

function readyOf(object: Obj): Condition | undefined {
  const conditions = (object['status'] as { conditions?: Condition[] } | undefined)?.conditions;
  return conditions?.find((c) => c.type === 'Ready');
}

const terminating = (pod: Obj): boolean => pod.metadata['deletionTimestamp'] !== undefined;

before(async () => {
  store = await openStore('memory://');
  const network = { nodePortRange: DEFAULT_NODE_PORT_RANGE, serviceCIDR: '10.96.0.0/12' };
  const { strategies } = await clusterStrategies(store, network);
  server = await startTestServer({ store, strategies, now: clock.now });
  ({ must, waitFor } = apiWaits(server));
  controllers = await startControllers({
    server: server.url,
    token: testToken,
    clock,
    monitorPeriodMs: 20,
    log: (m) => errors.push(m),
  });
});

after(async () => {
  await controllers.stop();
  await server.close();
  await store.close();
});

test('a deleted pod terminates: replaced at once, a terminating endpoint, collected after its grace period', async () => {
  await must('POST', '/api/v1/nodes', node('node-a', iso(current)));
  await must('POST', `${ns}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
  });
  await must('POST', '/apis/apps/v1/namespaces/default/replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  });
  const [first] = await waitFor(webPods, (items) => items.length === 1 && items[0]?.['spec'] !== undefined, 'a pod');
  assert.ok(first !== undefined);
  await waitFor(webPods, (items) => (items[0]?.['spec'] as { nodeName?: string }).nodeName === 'node-a', 'binding');
  await markReady(first.metadata.name, '10.244.0.10');
  await waitFor(webSlices, (items) => endpointsOf(items).some((e) => e.conditions.ready), 'a ready endpoint');

  const deleted = await must('DELETE', `${ns}/pods/${first.metadata.name}`);
  assert.equal(deleted.metadata['deletionGracePeriodSeconds'], 30);
  const pods = await waitFor(webPods, (items) => items.length === 2, 'a replacement next to the terminating pod');
  assert.deepEqual(pods.map(terminating).sort(), [false, true]);
  const [slice] = await waitFor(
    webSlices,
    (items) => endpointsOf(items).some((e) => e.conditions.terminating),
    'a terminating endpoint',
  );
  assert.ok(slice !== undefined);
  const old = endpointsOf([slice]).find((e) => e.addresses[0] === '10.244.0.10');
  assert.deepEqual(old?.conditions, { ready: false, serving: true, terminating: true });
  const rs = await must('GET', '/apis/apps/v1/namespaces/default/replicasets/web');
  assert.equal((rs['status'] as { replicas: number }).replicas, 1);

  current += 31_000;
  await waitFor(webPods, (items) => items.length === 1 && !items.some(terminating), 'the pod collected');
  await waitFor(webSlices, (items) => !endpointsOf(items).some((e) => e.addresses[0] === '10.244.0.10'), 'no old ep');
});

test('a stale heartbeat makes a node Unknown and its pods not ready; a renewed Lease or none leaves nodes alone', async () => {
  await must('POST', '/api/v1/nodes', node('node-b', iso(current)));
  await must('POST', '/api/v1/nodes', node('node-c', undefined));
  for (const [name, nodeName, ip] of [
    ['on-a', 'node-a', '10.244.0.20'],
    ['on-b', 'node-b', '10.244.1.20'],
  ] as const) {
    await must('POST', `${ns}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' } },
      spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] },
    });
    await markReady(name, ip);
  }
  await waitFor(webSlices, (items) => endpointsOf(items).filter((e) => e.conditions.ready).length === 2, 'two ready');

  // node-a's Lease is renewed up to the new time; node-b only ever posted a heartbeat in its Ready condition.
  const later = current + 41_000;
  await must('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'node-a' },
    spec: { holderIdentity: 'node-a', leaseDurationSeconds: 40, renewTime: new Date(later).toISOString() },
  });
  current = later;
  const nodes = await waitFor(
    '/api/v1/nodes',
    (items) => items.some((n) => readyOf(n)?.status === 'Unknown'),
    'Unknown',
  );
  const byName = new Map(nodes.map((n) => [n.metadata.name, readyOf(n)]));
  assert.deepEqual(byName.get('node-b'), {
    type: 'Ready',
    status: 'Unknown',
    reason: 'NodeStatusUnknown',
    message: 'Kubelet stopped posting node status.',
    lastHeartbeatTime: iso(later - 41_000),
    lastTransitionTime: iso(later),
  });
  assert.equal(byName.get('node-a')?.status, 'True');
  assert.equal(byName.get('node-c')?.status, 'True');

  const pods = await waitFor(webPods, (items) => items.some((p) => readyOf(p)?.status === 'False'), 'a pod not ready');
  assert.deepEqual(
    pods.map((p) => [p.metadata.name, readyOf(p)?.status]).filter(([name]) => name === 'on-a' || name === 'on-b'),
    [
      ['on-a', 'True'],
      ['on-b', 'False'],
    ],
  );
  const [slice] = await waitFor(
    webSlices,
    (items) => endpointsOf(items).some((e) => e.addresses[0] === '10.244.1.20' && !e.conditions.ready),
    'node-b endpoint not ready',
  );
  assert.ok(slice !== undefined);
  assert.equal(endpointsOf([slice]).find((e) => e.addresses[0] === '10.244.0.20')?.conditions.ready, true);
  assert.deepEqual(errors, []);
});

test('--node-monitor-grace-period takes Go durations', () => {
  assert.equal(parseGoDurationSeconds('40s'), 40);
  assert.equal(parseGoDurationSeconds('1m'), 60);
  assert.equal(parseGoDurationSeconds('1m30s'), 90);
  assert.throws(() => parseGoDurationSeconds('40'), /invalid duration/);
});
