// Deleting over real HTTP: one object, a whole Namespace, a filtered collection; preconditions, dry runs,
// the protected system namespaces and methods a path does not serve.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, metadata, startTestServer } from '../src/apiserver/testing.ts';

let server: ApiServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

const services = '/api/v1/namespaces/default/services';

function service(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { metadata: { name, ...extra }, spec: { ports: [{ port: 80 }] } };
}

describe('delete', () => {
  test('DELETE answers the deleted object; again it is 404', async () => {
    await call(server, 'POST', services, { body: service('doomed') });
    const deleted = await call(server, 'DELETE', `${services}/doomed`, { body: { propagationPolicy: 'Background' } });
    assert.equal(deleted.status, 200);
    assert.equal(metadata(deleted.body)['name'], 'doomed');
    assert.equal(deleted.body['kind'], 'Service');
    const again = await call(server, 'DELETE', `${services}/doomed`);
    assert.equal(again.status, 404);
    assert.equal(again.body['message'], 'services "doomed" not found');
  });

  test('dryRun delete keeps the object; a stale precondition is 409', async () => {
    await call(server, 'POST', services, { body: service('kept') });
    assert.equal((await call(server, 'DELETE', `${services}/kept?dryRun=All`)).status, 200);
    assert.equal((await call(server, 'GET', `${services}/kept`)).status, 200);
    const stale = await call(server, 'DELETE', `${services}/kept`, {
      body: { preconditions: { resourceVersion: '1' } },
    });
    assert.equal(stale.status, 409);
  });

  test('deleting a Namespace deletes what is in it; system namespaces cannot be deleted', async () => {
    await call(server, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'gone' } } });
    await call(server, 'POST', '/api/v1/namespaces/gone/services', { body: service('inside') });
    const deleted = await call(server, 'DELETE', '/api/v1/namespaces/gone');
    assert.equal(deleted.status, 200);
    assert.equal((await call(server, 'GET', '/api/v1/namespaces/gone/services/inside')).status, 404);
    const forbidden = await call(server, 'DELETE', '/api/v1/namespaces/default');
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body['message'], 'namespaces "default" is forbidden: this namespace may not be deleted');
  });

  test('deletecollection deletes the selected objects and lists them', async () => {
    await call(server, 'POST', services, { body: service('bulk-1', { labels: { bulk: 'yes' } }) });
    await call(server, 'POST', services, { body: service('bulk-2', { labels: { bulk: 'yes' } }) });
    const response = await call(server, 'DELETE', `${services}?labelSelector=bulk%3Dyes`);
    assert.equal(response.status, 200);
    assert.equal(response.body['kind'], 'ServiceList');
    assert.deepEqual(
      (response.body['items'] as unknown[]).map((item) => metadata(item)['name']),
      ['bulk-1', 'bulk-2'],
    );
    const left = await call(server, 'GET', `${services}?labelSelector=bulk%3Dyes`);
    assert.deepEqual(left.body['items'], []);
  });

  test('methods a path does not serve are 405', async () => {
    assert.equal((await call(server, 'POST', `${services}/kubernetes`, { body: service('x') })).status, 405);
    assert.equal((await call(server, 'POST', '/api/v1/services', { body: service('x') })).status, 405);
  });
});
