// @kubernetes/client-node 1.4.0 against the API server: typed calls without kind/apiVersion, errors as
// ApiException with the Status body, and an informer that lists, watches and sees a create.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CoreV1Api, KubeConfig, V1Service, makeInformer } from '@kubernetes/client-node';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { ApiServer } from '../src/apiserver/server.ts';
import { startTestServer, testToken } from '../src/apiserver/testing.ts';

let server: ApiServer;

/** A request body as client-node's typed API takes it, from plain JSON (no kind/apiVersion, as the library sends). */
function serviceBody(json: Service): V1Service {
  return Object.assign(new V1Service(), json);
}
let config: KubeConfig;
before(async () => {
  server = await startTestServer();
  config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'test', server: server.url, skipTLSVerify: true }],
    users: [{ name: 'test', token: testToken }],
    contexts: [{ name: 'test', cluster: 'test', user: 'test', namespace: 'default' }],
    currentContext: 'test',
  });
});
after(async () => {
  await server.close();
});

test('typed create and read; a duplicate is an ApiException carrying the Status', async () => {
  const api = config.makeApiClient(CoreV1Api);
  const body = serviceBody({ metadata: { name: 'typed' }, spec: { ports: [{ port: 80 }] } });
  const created = await api.createNamespacedService({ namespace: 'default', body });
  assert.equal(created.metadata?.name, 'typed');
  const listed = await api.listNamespacedService({ namespace: 'default' });
  assert.ok(listed.items.some((item) => item.metadata?.name === 'typed'));
  await assert.rejects(api.createNamespacedService({ namespace: 'default', body }), (error: unknown) => {
    const { code, body: status } = error as { code: number; body: string };
    assert.equal(code, 409);
    assert.equal((JSON.parse(status) as { reason: string }).reason, 'AlreadyExists');
    return true;
  });
});

test('an informer lists, watches, and reports a Service created afterwards', async () => {
  const api = config.makeApiClient(CoreV1Api);
  const informer = makeInformer(config, '/api/v1/namespaces/default/services', () =>
    api.listNamespacedService({ namespace: 'default' }),
  );
  const added = new Promise<string>((resolve) => {
    informer.on('add', (service: V1Service) => {
      if (service.metadata?.name === 'informed') resolve(service.metadata.name);
    });
  });
  await informer.start();
  await api.createNamespacedService({ namespace: 'default', body: serviceBody({ metadata: { name: 'informed' } }) });
  assert.equal(await added, 'informed');
  await informer.stop();
});

test('an informer whose watch resumes from a compacted resourceVersion gets a 410 and relists', async () => {
  const api = config.makeApiClient(CoreV1Api);
  let lists = 0;
  const listCount = (): number => lists;
  const informer = makeInformer(config, '/api/v1/namespaces/default/services', () => {
    lists++;
    return api.listNamespacedService({ namespace: 'default' });
  });
  const seen = new Promise<void>((resolve) => {
    informer.on('add', (service: V1Service) => {
      if (service.metadata?.name === 'after-compaction') resolve();
    });
  });
  await informer.start();
  assert.equal(listCount(), 1);
  // End the watch, then move the store past the informer's resourceVersion before it reconnects.
  server.context.watches.abortAll();
  await api.createNamespacedService({
    namespace: 'default',
    body: serviceBody({ metadata: { name: 'after-compaction' } }),
  });
  await server.store.compact(await server.store.currentRevision());
  await seen;
  assert.ok(listCount() >= 2, `the informer listed ${listCount()} time(s)`);
  await informer.stop();
});
