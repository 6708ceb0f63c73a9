/**
 * The scheduler over HTTP: cordoned, tainted, not-ready and non-matching nodes are passed over with upstream's
 * FailedScheduling message (on the pod's PodScheduled condition and in an Event), a pod is bound once a node change
 * makes one fit, and the Pod registry lets `spec.nodeName` be set once but never moved.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_NODE_PORT_RANGE } from '../src/allocator/port-range.ts';
import { clusterStrategies } from '../src/apiserver/registry/strategies.ts';
import type { WriteContext } from '../src/apiserver/registry/strategy.ts';
import { podStrategy } from '../src/apiserver/registry/workload-strategy.ts';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, openWatch, startTestServer, testToken } from '../src/apiserver/testing.ts';
import { type RunningControllers, startControllers } from '../src/controllers/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';

type Obj = Record<string, unknown> & { metadata: Record<string, unknown> & { name: string } };

let store: Store;
let server: ApiServer;
let controllers: RunningControllers;
const ns = '/api/v1/namespaces/default';

async function must(method: string, path: string, body?: unknown): Promise<Obj> {
  const response = await call(server, method, path, body === undefined ? {} : { body });
  assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.text}`);
  return response.body as Obj;
}

/** Lists `path`, then watches until one item satisfies `predicate`; fails after 5 s. */
async function waitForItem(path: string, predicate: (item: Obj) => boolean, what: string): Promise<Obj> {
  const list = await must('GET', path);
  const found = (list['items'] as Obj[]).find(predicate);
  if (found !== undefined) return found;
  const watch = await openWatch(
    server,
    `${path}?watch=true&resourceVersion=${String(list.metadata['resourceVersion'])}`,
  );
  const timer = setTimeout(() => {
    watch.close();
  }, 5000);
  try {
    for (let event = await watch.next(); event !== undefined; event = await watch.next()) {
      if (event.type !== 'DELETED' && predicate(event.object as Obj)) return event.object as Obj;
    }
  } finally {
    clearTimeout(timer);
    watch.close();
  }
  assert.fail(`timed out waiting for ${what}`);
}

function node(name: string, extra: { labels?: object; spec?: object; ready?: boolean } = {}): unknown {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: extra.spec ?? {},
    status: { conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
  };
}

function pod(name: string, spec: object): unknown {
  return { metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }], ...spec } };
}

interface PodScheduled {
  status?: string;
  reason?: string;
  message?: string;
}

const scheduledCondition = (item: Obj): PodScheduled | undefined =>
  ((item['status'] as { conditions?: ({ type: string } & PodScheduled)[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === 'PodScheduled',
  );

before(async () => {
  store = await openStore('memory://');
  const { strategies } = await clusterStrategies(store, {
    nodePortRange: DEFAULT_NODE_PORT_RANGE,
    serviceCIDR: '10.96.0.0/12',
  });
  server = await startTestServer({ store, strategies });
  controllers = await startControllers({ server: server.url, token: testToken });
  await must('POST', '/api/v1/nodes', node('cordoned', { spec: { unschedulable: true } }));
  await must(
    'POST',
    '/api/v1/nodes',
    node('tainted', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }),
  );
  await must('POST', '/api/v1/nodes', node('sick', { ready: false }));
  await must('POST', '/api/v1/nodes', node('plain', { labels: { disk: 'ssd' } }));
});

after(async () => {
  await controllers.stop();
  await server.close();
  await store.close();
});

test('a pod that fits nowhere is marked Unschedulable with an Event, and bound once a node fits', async () => {
  await must('POST', `${ns}/pods`, pod('wants-hdd', { nodeSelector: { disk: 'hdd' } }));
  const message =
    "0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, " +
    '1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable. ' +
    'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';
  const pending = await waitForItem(
    `${ns}/pods`,
    (p) => scheduledCondition(p)?.status === 'False',
    'PodScheduled=False',
  );
  assert.deepEqual(
    { ...scheduledCondition(pending), lastTransitionTime: undefined, lastProbeTime: undefined },
    {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastTransitionTime: undefined,
      lastProbeTime: undefined,
    },
  );
  const event = await waitForItem(
    `${ns}/events`,
    (e) => e['reason'] === 'FailedScheduling',
    'a FailedScheduling event',
  );
  assert.equal(event['message'], message);
  assert.equal(event['type'], 'Warning');
  assert.deepEqual((event['involvedObject'] as { name: string }).name, 'wants-hdd');

  const plain = await must('GET', '/api/v1/nodes/plain');
  await must('PUT', '/api/v1/nodes/plain', { ...plain, metadata: { ...plain.metadata, labels: { disk: 'hdd' } } });
  const bound = await waitForItem(
    `${ns}/pods`,
    (p) => (p['spec'] as { nodeName?: string }).nodeName === 'plain',
    'the binding',
  );
  assert.equal(bound.metadata.name, 'wants-hdd');
  await waitForItem(
    `${ns}/events`,
    (e) => e['message'] === 'Successfully assigned default/wants-hdd to plain',
    'a Scheduled event',
  );
});

test('a toleration lets a pod onto a tainted node', async () => {
  await must(
    'POST',
    `${ns}/pods`,
    pod('gpu', {
      nodeSelector: { 'kubernetes.io/hostname': 'tainted' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
    }),
  );
  await waitForItem(
    `${ns}/pods`,
    (p) => p.metadata.name === 'gpu' && (p['spec'] as { nodeName?: string }).nodeName === 'tainted',
    'gpu bound',
  );
});

test('a bound pod cannot be moved to another node', async () => {
  const bound = await must('GET', `${ns}/pods/gpu`);
  const moved = await call(server, 'PUT', `${ns}/pods/gpu`, {
    body: { ...bound, spec: { ...(bound['spec'] as object), nodeName: 'plain' } },
  });
  assert.equal(moved.status, 422);
});

test('the Pod strategy allows nodeName from unset to set and nothing else alongside it', () => {
  const context: WriteContext = { dryRun: false, now: new Date(0) };
  const old = {
    metadata: { name: 'p', namespace: 'default', resourceVersion: '7' },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  };
  const created = podStrategy.admitCreate(old, context);
  assert.ok(created.ok);
  const stored = created.object;
  const spec = stored['spec'] as Record<string, unknown>;
  assert.ok(podStrategy.admitUpdate({ ...stored, spec: { ...spec, nodeName: 'n1' } }, stored, context).ok);
  const alsoChanged = { ...stored, spec: { ...spec, nodeName: 'n1', restartPolicy: 'Never' } };
  const forbidden = /pod updates may not change fields other than/;
  const both = podStrategy.admitUpdate(alsoChanged, stored, context);
  assert.ok(!both.ok);
  assert.match(both.status.message ?? '', forbidden);
  const boundOld = { ...stored, spec: { ...spec, nodeName: 'n1' } };
  const moved = podStrategy.admitUpdate({ ...stored, spec: { ...spec, nodeName: 'n2' } }, boundOld, context);
  assert.ok(!moved.ok);
  assert.match(moved.status.message ?? '', forbidden);
});
