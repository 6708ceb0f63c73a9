import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { ApiServer } from '../apiserver/server.ts';
import { call, startTestServer, testToken } from '../apiserver/testing.ts';
import { startProxyInformers } from './proxy-informers.ts';
import { startResourceInformer } from './resource-informer.ts';

let server: ApiServer;

function kubeConfigFor(token: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'test', server: server.url, skipTLSVerify: true }],
    users: [{ name: 'test', token }],
    contexts: [{ name: 'test', cluster: 'test', user: 'test' }],
    currentContext: 'test',
  });
  return config;
}

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

interface Change {
  readonly previous: string | undefined;
  readonly current: string | undefined;
}

/** `name@port` of a Service, to see which version a handler got. */
function describe(service: { metadata?: { name?: string }; spec?: { ports?: { port: number }[] } } | undefined) {
  return service === undefined ? undefined : `${service.metadata?.name ?? ''}@${service.spec?.ports?.[0]?.port ?? 0}`;
}

test('the proxy informers list, then deliver previous and current versions of each change', async () => {
  const path = '/api/v1/namespaces/default/services';
  const body = (port: number) => ({ metadata: { name: 'svc' }, spec: { ports: [{ port }] } });
  assert.equal((await call(server, 'POST', path, { body: body(80) })).status, 201);
  const changes: Change[] = [];
  let waiting: (() => void) | undefined;
  const informers = startProxyInformers(kubeConfigFor(testToken), 'node-1', {
    onService: (previous, current) => {
      if ([previous, current].some((s) => s?.metadata?.name === 'svc')) {
        changes.push({ previous: describe(previous), current: describe(current) });
        waiting?.();
      }
    },
    onEndpointSlice: () => undefined,
    onNode: () => undefined,
  });
  const nextChange = () => new Promise<void>((resolve) => (waiting = resolve));
  await informers.whenSynced();
  assert.equal(informers.synced(), true);
  assert.deepEqual(changes, [{ previous: undefined, current: 'svc@80' }]);
  const current = (await call(server, 'GET', `${path}/svc`)).body;
  const updated = nextChange();
  const spec = { ...(current['spec'] as object), ports: [{ port: 81 }] };
  assert.equal((await call(server, 'PUT', `${path}/svc`, { body: { ...current, spec } })).status, 200);
  await updated;
  const deleted = nextChange();
  assert.equal((await call(server, 'DELETE', `${path}/svc`)).status, 200);
  await deleted;
  assert.deepEqual(changes.slice(1), [
    { previous: 'svc@80', current: 'svc@81' },
    { previous: 'svc@81', current: undefined },
  ]);
  assert.equal(informers.services.list().length, 1, 'only the kubernetes Service is left');
  await informers.stop();
});

test('a failing list is reported and retried, and the informer does not claim to be synced', async () => {
  const config = kubeConfigFor('wrong-token');
  const api = config.makeApiClient(CoreV1Api);
  let failures = 0;
  let secondFailure: (() => void) | undefined;
  const informer = startResourceInformer({
    kubeConfig: config,
    path: '/api/v1/services',
    list: () => api.listServiceForAllNamespaces(),
    onChange: () => undefined,
    retryDelayMs: 10,
    onError: () => {
      failures++;
      if (failures === 2) secondFailure?.();
    },
  });
  await new Promise<void>((resolve) => (secondFailure = resolve));
  assert.equal(informer.synced, false);
  await informer.stop();
});
