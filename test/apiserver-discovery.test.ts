// What kubectl reads before and around its requests: discovery (aggregated and legacy), OpenAPI v3,
// /version, and server-side Tables.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiServer } from '../src/apiserver/server.ts';
import { call, metadata, startTestServer, tableAccept } from '../src/apiserver/testing.ts';

let server: ApiServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
});

const services = '/api/v1/namespaces/default/services';

describe('tables', () => {
  test('a Table list has columns, cells, the list resourceVersion and PartialObjectMetadata rows', async () => {
    const response = await call(server, 'GET', services, { accept: tableAccept });
    assert.equal(response.headers.get('content-type'), 'application/json;as=Table;v=v1;g=meta.k8s.io');
    assert.equal(response.body['kind'], 'Table');
    assert.equal(response.body['apiVersion'], 'meta.k8s.io/v1');
    const columns = (response.body['columnDefinitions'] as { name: string }[]).map((c) => c.name);
    assert.deepEqual(columns, ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']);
    const rows = response.body['rows'] as { cells: unknown[]; object: Record<string, unknown> }[];
    const kubernetes = rows.find((row) => row.cells[0] === 'kubernetes');
    assert.ok(kubernetes);
    assert.deepEqual(kubernetes.cells.slice(0, 5), ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
    assert.equal(kubernetes.object['kind'], 'PartialObjectMetadata');
    assert.equal(metadata(kubernetes.object)['namespace'], 'default');
    assert.match(String(metadata(response.body)['resourceVersion']), /^\d+$/);
  });

  test('includeObject=Object and None; a single object is a one-row Table', async () => {
    const full = await call(server, 'GET', `${services}?includeObject=Object`, { accept: tableAccept });
    const first = (full.body['rows'] as { object: Record<string, unknown> }[])[0];
    assert.equal(first?.object['kind'], 'Service');
    const none = await call(server, 'GET', `${services}?includeObject=None`, { accept: tableAccept });
    assert.equal((none.body['rows'] as Record<string, unknown>[])[0]?.['object'], undefined);
    const one = await call(server, 'GET', `${services}/kubernetes`, { accept: tableAccept });
    assert.equal((one.body['rows'] as unknown[]).length, 1);
  });
});

describe('discovery, OpenAPI and version', () => {
  const aggregated = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

  test('aggregated discovery answers with the exact content type (v2, or v2beta1 for older clients)', async () => {
    const api = await call(server, 'GET', '/api', { accept: `${aggregated},application/json` });
    assert.equal(api.headers.get('content-type'), aggregated);
    assert.equal(api.body['kind'], 'APIGroupDiscoveryList');
    const apis = await call(server, 'GET', '/apis', {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
    });
    assert.equal(
      apis.headers.get('content-type'),
      'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
    );
    assert.equal(apis.body['apiVersion'], 'apidiscovery.k8s.io/v2beta1');
    const groups = (apis.body['items'] as { metadata: { name: string } }[]).map((g) => g.metadata.name);
    assert.deepEqual(groups, ['apps', 'coordination.k8s.io', 'discovery.k8s.io']);
  });

  test('legacy discovery: APIVersions, APIGroupList, APIGroup, APIResourceList', async () => {
    const api = await call(server, 'GET', '/api');
    assert.equal(api.body['kind'], 'APIVersions');
    assert.deepEqual(api.body['serverAddressByClientCIDRs'], [
      { clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${server.port}` },
    ]);
    assert.equal((await call(server, 'GET', '/apis')).body['kind'], 'APIGroupList');
    assert.equal((await call(server, 'GET', '/apis/apps')).body['kind'], 'APIGroup');
    const core = await call(server, 'GET', '/api/v1');
    const names = (core.body['resources'] as { name: string }[]).map((r) => r.name);
    assert.ok(names.includes('services') && names.includes('services/status'));
    assert.equal((await call(server, 'GET', '/apis/apps/v1')).body['groupVersion'], 'apps/v1');
  });

  test('OpenAPI v3 lists one document per group version, each with a PATCH per kind', async () => {
    const index = await call(server, 'GET', '/openapi/v3');
    const paths = index.body['paths'] as Record<string, { serverRelativeURL: string }>;
    assert.deepEqual(Object.keys(paths), [
      'api/v1',
      'apis/apps/v1',
      'apis/coordination.k8s.io/v1',
      'apis/discovery.k8s.io/v1',
    ]);
    const document = await call(server, 'GET', paths['api/v1']?.serverRelativeURL ?? '');
    assert.equal(document.body['openapi'], '3.0.0');
    assert.ok('/api/v1/namespaces/{namespace}/services/{name}' in (document.body['paths'] as object));
    assert.equal((await call(server, 'GET', '/openapi/v2')).status, 404);
  });

  test('/version reports the server version kubectl picks its binary by', async () => {
    const version = await call(server, 'GET', '/version');
    assert.equal(version.body['major'], '1');
    assert.equal(version.body['gitVersion'], 'v1.33.0');
  });
});
