/**
 * Graceful Pod deletion at the API: a bound pod is marked terminating (deletionTimestamp = now + grace) and stays
 * until a DELETE with gracePeriodSeconds 0; an unbound pod and other kinds go at once; watches see MODIFIED then
 * DELETED.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_NODE_PORT_RANGE } from '../src/allocator/port-range.ts';
import { clusterStrategies } from '../src/apiserver/registry/strategies.ts';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, metadata, openWatch, startTestServer } from '../src/apiserver/testing.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';

const pods = '/api/v1/namespaces/default/pods';
let store: Store;
let server: ApiServer;

before(async () => {
  store = await openStore('memory://');
  const network = { nodePortRange: DEFAULT_NODE_PORT_RANGE, serviceCIDR: '10.96.0.0/12' };
  const { strategies } = await clusterStrategies(store, network);
  server = await startTestServer({ store, strategies, now: () => new Date('2025-01-02T03:04:05Z') });
});

after(async () => {
  await server.close();
  await store.close();
});

async function createPod(name: string, spec: Record<string, unknown> = {}): Promise<void> {
  const body = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  };
  const created = await call(server, 'POST', pods, { body });
  assert.equal(created.status, 201, created.text);
}

describe('graceful pod deletion', () => {
  test('a bound pod is marked terminating with its grace period and stays until deleted with 0', async () => {
    await createPod('web', { nodeName: 'node-a' });
    const first = await call(server, 'DELETE', `${pods}/web`, { body: { propagationPolicy: 'Background' } });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body['kind'], 'Pod');
    assert.equal(metadata(first.body)['deletionTimestamp'], '2025-01-02T03:04:35Z');
    assert.equal(metadata(first.body)['deletionGracePeriodSeconds'], 30);
    const still = await call(server, 'GET', `${pods}/web`);
    assert.equal(still.status, 200);
    assert.equal(metadata(still.body)['deletionTimestamp'], '2025-01-02T03:04:35Z');

    // Deleting again without a shorter period changes nothing.
    const again = await call(server, 'DELETE', `${pods}/web`);
    assert.equal(again.status, 200);
    assert.equal(metadata(again.body)['resourceVersion'], metadata(still.body)['resourceVersion']);

    // A shorter period moves the deadline closer, counted from when deletion was asked.
    const shorter = await call(server, 'DELETE', `${pods}/web`, { body: { gracePeriodSeconds: 10 } });
    assert.equal(metadata(shorter.body)['deletionTimestamp'], '2025-01-02T03:04:15Z');
    assert.equal(metadata(shorter.body)['deletionGracePeriodSeconds'], 10);

    const watch = await openWatch(server, `${pods}?watch=true&fieldSelector=metadata.name%3Dweb&resourceVersion=0`);
    try {
      assert.equal((await watch.next())?.type, 'ADDED');
      const last = await call(server, 'DELETE', `${pods}/web`, { body: { gracePeriodSeconds: 0 } });
      assert.equal(last.status, 200);
      assert.equal((await watch.next())?.type, 'DELETED');
    } finally {
      watch.close();
    }
    assert.equal((await call(server, 'GET', `${pods}/web`)).status, 404);
  });

  test('a watch sees MODIFIED when deletion starts, then DELETED', async () => {
    await createPod('watched', { nodeName: 'node-a', terminationGracePeriodSeconds: 5 });
    const watch = await openWatch(server, `${pods}?watch=true&fieldSelector=metadata.name%3Dwatched&resourceVersion=0`);
    try {
      assert.equal((await watch.next())?.type, 'ADDED');
      const marked = await call(server, 'DELETE', `${pods}/watched`);
      assert.equal(metadata(marked.body)['deletionGracePeriodSeconds'], 5);
      const modified = await watch.next();
      assert.equal(modified?.type, 'MODIFIED');
      assert.equal(metadata(modified.object)['deletionTimestamp'], '2025-01-02T03:04:10Z');
      await call(server, 'DELETE', `${pods}/watched`, { body: { gracePeriodSeconds: 0 } });
      assert.equal((await watch.next())?.type, 'DELETED');
    } finally {
      watch.close();
    }
  });

  test('an unbound pod, a finished pod and gracePeriodSeconds 0 delete at once', async () => {
    await createPod('pending');
    assert.equal((await call(server, 'DELETE', `${pods}/pending`)).status, 200);
    assert.equal((await call(server, 'GET', `${pods}/pending`)).status, 404);

    await createPod('forced', { nodeName: 'node-a' });
    const forced = await call(server, 'DELETE', `${pods}/forced`, { body: { gracePeriodSeconds: 0 } });
    assert.equal(metadata(forced.body)['deletionTimestamp'], undefined);
    assert.equal((await call(server, 'GET', `${pods}/forced`)).status, 404);

    await createPod('done', { nodeName: 'node-a' });
    const pod = await call(server, 'GET', `${pods}/done`);
    const finished = { ...pod.body, status: { phase: 'Succeeded' } };
    assert.equal((await call(server, 'PUT', `${pods}/done/status`, { body: finished })).status, 200);
    await call(server, 'DELETE', `${pods}/done`);
    assert.equal((await call(server, 'GET', `${pods}/done`)).status, 404);
  });

  test('dryRun shows the terminating object and stores nothing; updates keep deletionTimestamp', async () => {
    await createPod('kept', { nodeName: 'node-a' });
    const dry = await call(server, 'DELETE', `${pods}/kept?dryRun=All`);
    assert.equal(metadata(dry.body)['deletionGracePeriodSeconds'], 30);
    const stored = await call(server, 'GET', `${pods}/kept`);
    assert.equal(metadata(stored.body)['deletionTimestamp'], undefined);

    await call(server, 'DELETE', `${pods}/kept`);
    const marked = await call(server, 'GET', `${pods}/kept`);
    const stripped = { ...marked.body, metadata: { ...metadata(marked.body), deletionTimestamp: undefined } };
    const updated = await call(server, 'PUT', `${pods}/kept/status`, { body: stripped });
    assert.equal(metadata(updated.body)['deletionTimestamp'], '2025-01-02T03:04:35Z');
    await call(server, 'DELETE', `${pods}/kept`, { body: { gracePeriodSeconds: 0 } });
  });

  test('other kinds are still deleted at once', async () => {
    const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'short-lived' } };
    assert.equal((await call(server, 'POST', '/api/v1/namespaces', { body })).status, 201);
    const deleted = await call(server, 'DELETE', '/api/v1/namespaces/short-lived', {
      body: { gracePeriodSeconds: 30 },
    });
    assert.equal(deleted.status, 200);
    assert.equal((await call(server, 'GET', '/api/v1/namespaces/short-lived')).status, 404);
  });
});
