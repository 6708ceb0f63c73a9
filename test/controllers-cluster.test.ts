/**
 * The controllers against a real API server over HTTP: a Deployment becomes a ReplicaSet and Pods spread over two
 * Nodes, a NodePort Service gets an EndpointSlice and Endpoints whose endpoints turn ready with the pods; scaling,
 * pod replacement, a rolling update, a restart of the controllers, and garbage collection. A small fake kubelet
 * (in this file) gives bound pods an IP through the `status` subresource, as a node agent would, and confirms
 * graceful deletions of pods on its nodes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_NODE_PORT_RANGE } from '../src/allocator/port-range.ts';
import { clusterStrategies } from '../src/apiserver/registry/strategies.ts';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, openWatch, startTestServer, testToken } from '../src/apiserver/testing.ts';
import { type RunningControllers, startControllers } from '../src/controllers/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';
import { type ApiWaits, apiWaits, type Obj } from './support/api-waits.ts';

let store: Store;
let server: ApiServer;
let controllers: RunningControllers;
let must: ApiWaits['must'];
let waitFor: ApiWaits['waitFor'];
let kubelet: { stop(): void; readyByDefault: boolean };
const clock = { now: () => new Date('2025-01-02T03:04:05Z') };
const errors: string[] = [];

const ns = '/api/v1/namespaces/default';
const apps = '/apis/apps/v1/namespaces/default';
const slices = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
const alphabet = '[bcdfghjklmnpqrstvwxz2456789]';

/** Gives each bound pod a Running status and an IP from its node's pod CIDR, ready or not, through `status`. */
async function startKubelet(): Promise<typeof kubelet> {
  const watch = await openWatch(server, `${ns}/pods?watch=true&resourceVersion=0`);
  const state = {
    readyByDefault: false,
    stop: () => {
      watch.close();
    },
  };
  let next = 10;
  void (async () => {
    for (let event = await watch.next(); event !== undefined; event = await watch.next()) {
      const pod = event.object as Obj & { spec: { nodeName?: string }; status?: { podIP?: string } };
      if (event.type === 'DELETED' || pod.spec.nodeName === undefined) continue;
      // Containers stop at once here: confirm a graceful deletion as a node agent does.
      if (pod.metadata['deletionTimestamp'] !== undefined) {
        const body = { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } };
        await call(server, 'DELETE', `${ns}/pods/${pod.metadata.name}`, { body });
        continue;
      }
      if (pod.status?.podIP !== undefined) continue;
      const node = await must('GET', `/api/v1/nodes/${pod.spec.nodeName}`);
      const cidr = (node['spec'] as { podCIDR?: string }).podCIDR ?? '10.244.99.0/24';
      const podIP = cidr.replace(/\.0\/24$/, `.${next++}`);
      await setPodStatus(pod.metadata.name, podIP, state.readyByDefault).catch(() => undefined);
    }
  })();
  return state;
}

async function setPodStatus(name: string, podIP: string, ready: boolean): Promise<void> {
  const pod = await must('GET', `${ns}/pods/${name}`);
  const flag = ready ? 'True' : 'False';
  const conditions = ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({
    type,
    status: type === 'Ready' || type === 'ContainersReady' ? flag : 'True',
  }));
  const status = { phase: 'Running', podIP, podIPs: [{ ip: podIP }], conditions };
  await must('PUT', `${ns}/pods/${name}/status`, { ...pod, status });
}

function node(name: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** What `kubectl create deployment hello-livefire --image=nginx:1.25 --replicas=2 --port=80` POSTs. */
const deploymentBody = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'hello-livefire', labels: { app: 'hello-livefire' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'hello-livefire' } },
    template: {
      metadata: { labels: { app: 'hello-livefire' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, name: 'http' }], resources: {} },
        ],
      },
    },
    strategy: {},
  },
  status: {},
};

const appPods = `${ns}/pods?labelSelector=app%3Dhello-livefire`;
const appSlices = `${slices}?labelSelector=kubernetes.io%2Fservice-name%3Dhello-livefire`;
const running = (pods: Obj[]): Obj[] => pods.filter((p) => p.metadata['deletionTimestamp'] === undefined);
const nodeOf = (pod: Obj): string | undefined => (pod['spec'] as { nodeName?: string }).nodeName;

function start(): Promise<RunningControllers> {
  return startControllers({ server: server.url, token: testToken, clock, log: (m) => errors.push(m) });
}

before(async () => {
  store = await openStore('memory://');
  const { strategies } = await clusterStrategies(store, {
    nodePortRange: DEFAULT_NODE_PORT_RANGE,
    serviceCIDR: '10.96.0.0/12',
  });
  server = await startTestServer({ store, strategies });
  ({ must, waitFor } = apiWaits(server));
  controllers = await start();
  kubelet = await startKubelet();
});

after(async () => {
  kubelet.stop();
  await controllers.stop();
  await server.close();
  await store.close();
});

test('nodes get pod CIDRs, one /24 each from 10.244.0.0/16', async () => {
  await must('POST', '/api/v1/nodes', node('node-a'));
  await must('POST', '/api/v1/nodes', node('node-b'));
  const nodes = await waitFor(
    '/api/v1/nodes',
    (items) => items.every((n) => (n['spec'] as { podCIDR?: string } | undefined)?.podCIDR !== undefined),
    'pod CIDRs',
  );
  const cidrs = nodes
    .map((n) => n['spec'] as { podCIDR: string; podCIDRs: string[] })
    .sort((a, b) => a.podCIDR.localeCompare(b.podCIDR));
  assert.deepEqual(cidrs, [
    { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
  ]);
});

test('a Deployment becomes a ReplicaSet and two pods on different nodes', async () => {
  const deployment = await must('POST', `${apps}/deployments`, deploymentBody);
  const [rs] = await waitFor(`${apps}/replicasets`, (items) => items.length === 1, 'the ReplicaSet');
  assert.ok(rs !== undefined);
  const hash = (rs.metadata['labels'] as Record<string, string>)['pod-template-hash'] ?? '';
  assert.match(hash, new RegExp(`^${alphabet}{1,10}$`));
  assert.equal(rs.metadata.name, `hello-livefire-${hash}`);
  assert.deepEqual(rs.metadata['ownerReferences'], [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'hello-livefire',
      uid: deployment.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  const annotations = rs.metadata['annotations'] as Record<string, string>;
  assert.equal(annotations['deployment.kubernetes.io/revision'], '1');
  assert.equal(annotations['deployment.kubernetes.io/desired-replicas'], '2');
  assert.equal(annotations['deployment.kubernetes.io/max-replicas'], '3');
  assert.deepEqual((rs['spec'] as { selector: unknown }).selector, {
    matchLabels: { app: 'hello-livefire', 'pod-template-hash': hash },
  });
  const pods = await waitFor(
    appPods,
    (items) => items.length === 2 && items.every((p) => nodeOf(p) !== undefined),
    'two bound pods',
  );
  assert.deepEqual(pods.map(nodeOf).sort(), ['node-a', 'node-b']);
  for (const pod of pods) {
    assert.match(pod.metadata.name, new RegExp(`^${rs.metadata.name}-[a-z0-9]{5}$`));
    assert.equal((pod.metadata['labels'] as Record<string, string>)['pod-template-hash'], hash);
    assert.equal((pod.metadata['ownerReferences'] as { uid: string }[])[0]?.uid, rs.metadata.uid);
  }
});

test('a NodePort Service gets an EndpointSlice and Endpoints that turn ready with the pods', async () => {
  const service = await must('POST', `${ns}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'hello-livefire', labels: { app: 'hello-livefire' } },
    spec: {
      type: 'NodePort',
      selector: { app: 'hello-livefire' },
      ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  });
  const notReady = await waitFor(appSlices, (items) => endpointsOf(items).length === 2, 'two not-ready endpoints');
  assert.ok(endpointsOf(notReady).every((e) => !e.conditions.ready && !e.conditions.serving));
  const pods = await must('GET', appPods);
  for (const pod of pods['items'] as Obj[]) {
    const status = pod['status'] as { podIP: string };
    await setPodStatus(pod.metadata.name, status.podIP, true);
  }
  const [slice] = await waitFor(
    appSlices,
    (items) => endpointsOf(items).filter((e) => e.conditions.ready).length === 2,
    'two ready endpoints',
  );
  assert.ok(slice !== undefined);
  assert.match(slice.metadata.name, /^hello-livefire-[a-z0-9]{5}$/);
  assert.equal(slice['addressType'], 'IPv4');
  assert.deepEqual(slice['ports'], [{ name: '', port: 80, protocol: 'TCP' }]);
  assert.deepEqual(slice.metadata['labels'], {
    app: 'hello-livefire',
    'kubernetes.io/service-name': 'hello-livefire',
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  });
  assert.equal((slice.metadata['ownerReferences'] as { uid: string; kind: string }[])[0]?.uid, service.metadata.uid);
  for (const endpoint of endpointsOf([slice])) {
    assert.deepEqual(endpoint.conditions, { ready: true, serving: true, terminating: false });
    assert.match(endpoint.nodeName, /^node-[ab]$/);
    assert.equal(endpoint.targetRef.kind, 'Pod');
  }
  const endpoints = await waitFor(
    `${ns}/endpoints`,
    (items) => readyAddresses(items) === 2,
    'Endpoints with two addresses',
  );
  const subsets = endpoints.find((e) => e.metadata.name === 'hello-livefire')?.['subsets'] as { ports: unknown }[];
  assert.deepEqual(subsets[0]?.ports, [{ port: 80, protocol: 'TCP' }]);
});

test('the Deployment reports ready and complete, as kubectl rollout status reads it', async () => {
  const [deployment] = await waitFor(`${apps}/deployments`, (items) => isComplete(items[0], 2), 'a complete rollout');
  const status = deployment?.['status'] as { conditions: { type: string; status: string; reason: string }[] };
  assert.deepEqual(
    status.conditions.map((c) => [c.type, c.status, c.reason]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ],
  );
  assert.equal(
    deployment?.metadata['annotations'] &&
      (deployment.metadata['annotations'] as Record<string, string>)['deployment.kubernetes.io/revision'],
    '1',
  );
});

test('scaling to 3 and back to 2, and a deleted pod is replaced', async () => {
  kubelet.readyByDefault = true;
  await must('PATCH', `${apps}/deployments/hello-livefire`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
  await waitFor(`${apps}/deployments`, (items) => isComplete(items[0], 3), 'three available replicas');
  await waitFor(
    appSlices,
    (items) => endpointsOf(items).filter((e) => e.conditions.ready).length === 3,
    'three endpoints',
  );
  await must('PATCH', `${apps}/deployments/hello-livefire`, { spec: { replicas: 2 } }, 'application/merge-patch+json');
  const pods = await waitFor(appPods, (items) => running(items).length === 2, 'two pods again');
  const victim = pods[0]?.metadata.name ?? '';
  await must('DELETE', `${ns}/pods/${victim}`);
  const after = await waitFor(
    appPods,
    (items) => items.length === 2 && !items.some((p) => p.metadata.name === victim),
    'a replacement pod',
  );
  assert.equal(new Set(after.map((p) => p.metadata.name)).size, 2);
  await waitFor(`${apps}/deployments`, (items) => isComplete(items[0], 2), 'two available replicas');
});

test('restarted controllers resume without duplicating anything', async () => {
  await controllers.stop();
  controllers = await start();
  await must('PATCH', `${apps}/deployments/hello-livefire`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
  await waitFor(`${apps}/deployments`, (items) => isComplete(items[0], 3), 'three available replicas');
  await waitFor(
    appSlices,
    (items) => endpointsOf(items).filter((e) => e.conditions.ready).length === 3,
    'three endpoints',
  );
  assert.equal(((await must('GET', `${apps}/replicasets`))['items'] as unknown[]).length, 1);
  assert.equal(((await must('GET', appPods))['items'] as unknown[]).length, 3);
  assert.equal(((await must('GET', appSlices))['items'] as unknown[]).length, 1);
});

test('a template change rolls out a new ReplicaSet and scales the old one to zero', async () => {
  const image = { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } };
  await must('PATCH', `${apps}/deployments/hello-livefire`, image, 'application/strategic-merge-patch+json');
  await waitFor(`${apps}/deployments`, (items) => isComplete(items[0], 3), 'the new revision complete');
  const sets = await waitFor(
    `${apps}/replicasets`,
    (items) => items.length === 2 && items.every((rs) => rsSettled(rs)),
    'the rollout',
  );
  const byRevision = sets.sort((a, b) => revision(a) - revision(b));
  assert.deepEqual(
    byRevision.map((rs) => [revision(rs), (rs['spec'] as { replicas: number }).replicas]),
    [
      [1, 0],
      [2, 3],
    ],
  );
  const pods = await waitFor(appPods, (items) => items.length === 3, 'three new pods');
  assert.ok(
    pods.every((p) => (p['spec'] as { containers: { image: string }[] }).containers[0]?.image === 'nginx:1.27'),
  );
});

test('deleting the Deployment and the Service takes everything they own', async () => {
  await must('DELETE', `${apps}/deployments/hello-livefire`);
  await waitFor(`${apps}/replicasets`, (items) => items.length === 0, 'no ReplicaSets');
  await waitFor(appPods, (items) => items.length === 0, 'no pods');
  await must('DELETE', `${ns}/services/hello-livefire`);
  await waitFor(appSlices, (items) => items.length === 0, 'no EndpointSlices');
  await waitFor(`${ns}/endpoints`, (items) => !items.some((e) => e.metadata.name === 'hello-livefire'), 'no Endpoints');
  assert.deepEqual(errors, []);
});

interface SliceEndpoint {
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName: string;
  targetRef: { kind: string };
}

function endpointsOf(items: Obj[]): SliceEndpoint[] {
  return items.flatMap((slice) => (slice['endpoints'] as SliceEndpoint[] | undefined) ?? []);
}

function readyAddresses(items: Obj[]): number {
  const subsets = (items.find((e) => e.metadata.name === 'hello-livefire')?.['subsets'] ?? []) as {
    addresses?: unknown[];
  }[];
  return subsets.reduce((sum, s) => sum + (s.addresses?.length ?? 0), 0);
}

function isComplete(deployment: Obj | undefined, replicas: number): boolean {
  if (deployment === undefined) return false;
  const status = (deployment['status'] ?? {}) as Record<string, unknown>;
  return (
    status['observedGeneration'] === deployment.metadata['generation'] &&
    status['replicas'] === replicas &&
    status['updatedReplicas'] === replicas &&
    status['readyReplicas'] === replicas &&
    status['availableReplicas'] === replicas
  );
}

function revision(rs: Obj): number {
  return Number((rs.metadata['annotations'] as Record<string, string>)['deployment.kubernetes.io/revision']);
}

function rsSettled(rs: Obj): boolean {
  const spec = rs['spec'] as { replicas: number };
  const status = rs['status'] as { replicas?: number; availableReplicas?: number };
  return (status.replicas ?? 0) === spec.replicas && (status.availableReplicas ?? 0) === spec.replicas;
}
