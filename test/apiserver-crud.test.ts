// The API server's verbs over real HTTP: create, get, list, update, delete, deletecollection, their errors,
// and the request flow details kubectl and client-node depend on.
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

describe('bootstrap', () => {
  test('the system namespaces and the kubernetes Service, Endpoints and EndpointSlice exist', async () => {
    const namespaces = await call(server, 'GET', '/api/v1/namespaces');
    const names = (namespaces.body['items'] as { metadata: { name: string } }[]).map((ns) => ns.metadata.name);
    assert.deepEqual(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const svc = await call(server, 'GET', `${services}/kubernetes`);
    assert.equal(svc.status, 200);
    assert.deepEqual((svc.body['spec'] as Record<string, unknown>)['clusterIPs'], ['10.96.0.1']);
    assert.deepEqual((svc.body['spec'] as Record<string, unknown>)['ports'], [
      { name: 'https', port: 443, protocol: 'TCP', targetPort: server.port },
    ]);
    const endpoints = await call(server, 'GET', '/api/v1/namespaces/default/endpoints/kubernetes');
    assert.deepEqual(endpoints.body['subsets'], [
      { addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: server.port, protocol: 'TCP' }] },
    ]);
    const slice = await call(server, 'GET', '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes');
    assert.equal(slice.status, 200);
    assert.equal(
      (metadata(slice.body)['labels'] as Record<string, string>)['kubernetes.io/service-name'],
      'kubernetes',
    );
  });

  test('health checks answer ok without credentials', async () => {
    for (const path of ['/livez', '/readyz', '/healthz']) {
      const response = await call(server, 'GET', path, { token: null });
      assert.equal(response.status, 200);
      assert.equal(response.text, 'ok');
    }
  });
});

describe('authentication', () => {
  test('a missing or wrong token is 401 Unauthorized', async () => {
    for (const token of [null, 'wrong']) {
      const response = await call(server, 'GET', services, { token });
      assert.equal(response.status, 401);
      assert.deepEqual(response.body, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });
});

describe('create', () => {
  test('POST without kind/apiVersion defaults them from the URL and answers 201', async () => {
    const response = await call(server, 'POST', services, { body: service('plain') });
    assert.equal(response.status, 201);
    assert.equal(response.body['kind'], 'Service');
    assert.equal(response.body['apiVersion'], 'v1');
    const meta = metadata(response.body);
    assert.equal(meta['namespace'], 'default');
    assert.match(String(meta['uid']), /^[0-9a-f-]{36}$/);
    assert.match(String(meta['creationTimestamp']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(String(meta['resourceVersion']), /^\d+$/);
  });

  test('a second create is 409 AlreadyExists', async () => {
    await call(server, 'POST', services, { body: service('twice') });
    const response = await call(server, 'POST', services, { body: service('twice') });
    assert.equal(response.status, 409);
    assert.equal(response.body['reason'], 'AlreadyExists');
    assert.equal(response.body['message'], 'services "twice" already exists');
    assert.deepEqual(response.body['details'], { name: 'twice', kind: 'services' });
  });

  test('generateName appends five random characters', async () => {
    const response = await call(server, 'POST', services, { body: { metadata: { generateName: 'gen-' } } });
    assert.equal(response.status, 201);
    assert.match(String(metadata(response.body)['name']), /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test('a body namespace different from the URL is 400 with upstream words', async () => {
    const response = await call(server, 'POST', services, { body: service('elsewhere', { namespace: 'other' }) });
    assert.equal(response.status, 400);
    assert.equal(
      response.body['message'],
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  });

  test('a missing namespace is 404 namespaces "foo" not found', async () => {
    const response = await call(server, 'POST', '/api/v1/namespaces/foo/services', { body: service('x') });
    assert.equal(response.status, 404);
    assert.equal(response.body['message'], 'namespaces "foo" not found');
  });

  test('dryRun=All validates but stores nothing', async () => {
    const response = await call(server, 'POST', `${services}?dryRun=All`, { body: service('dry') });
    assert.equal(response.status, 201);
    assert.equal(metadata(response.body)['name'], 'dry');
    assert.equal((await call(server, 'GET', `${services}/dry`)).status, 404);
  });

  test('an invalid name is 422 Invalid with the DNS-1035 message for Services', async () => {
    const response = await call(server, 'POST', services, { body: service('Bad_Name') });
    assert.equal(response.status, 422);
    assert.equal(response.body['reason'], 'Invalid');
    assert.match(
      String(response.body['message']),
      /^Service "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a DNS-1035 label/,
    );
  });

  test('a body of another kind, bad JSON, or an unknown media type is refused', async () => {
    const wrongKind = await call(server, 'POST', services, {
      body: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } },
    });
    assert.equal(wrongKind.status, 400);
    const badJson = await call(server, 'POST', services, { body: '{"metadata":' });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body['kind'], 'Status');
    const unknown = await call(server, 'POST', services, { body: 'x', contentType: 'text/plain' });
    assert.equal(unknown.status, 415);
    assert.equal(unknown.body['reason'], 'UnsupportedMediaType');
  });

  test('YAML bodies are accepted', async () => {
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: from-yaml\nspec:\n  ports:\n  - port: 80\n';
    const response = await call(server, 'POST', services, { body: yaml, contentType: 'application/yaml' });
    assert.equal(response.status, 201);
  });

  test('Namespaces get their defaults; cluster-scoped objects lose a namespace', async () => {
    const response = await call(server, 'POST', '/api/v1/namespaces', {
      body: { metadata: { name: 'team', namespace: 'x' } },
    });
    assert.equal(response.status, 201);
    assert.equal(metadata(response.body)['namespace'], undefined);
    assert.deepEqual(metadata(response.body)['labels'], { 'kubernetes.io/metadata.name': 'team' });
    assert.deepEqual(response.body['spec'], { finalizers: ['kubernetes'] });
    assert.deepEqual(response.body['status'], { phase: 'Active' });
  });
});

describe('read', () => {
  test('lists carry kind, apiVersion, resourceVersion, and items without kind', async () => {
    const response = await call(server, 'GET', services);
    assert.equal(response.body['kind'], 'ServiceList');
    assert.equal(response.body['apiVersion'], 'v1');
    assert.match(String(metadata(response.body)['resourceVersion']), /^\d+$/);
    const items = response.body['items'] as Record<string, unknown>[];
    assert.ok(items.length > 0);
    for (const item of items) {
      assert.equal(item['kind'], undefined);
      assert.equal(item['apiVersion'], undefined);
    }
  });

  test('a missing object is 404 with the resource in details', async () => {
    const response = await call(server, 'GET', `${services}/nope`);
    assert.equal(response.status, 404);
    assert.equal(response.body['message'], 'services "nope" not found');
    const deployment = await call(server, 'GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    assert.equal(deployment.body['message'], 'deployments.apps "nope" not found');
    assert.deepEqual(deployment.body['details'], { name: 'nope', group: 'apps', kind: 'deployments' });
  });

  test('label and field selectors filter lists; unknown fields are 400 with upstream words', async () => {
    await call(server, 'POST', services, { body: service('labelled', { labels: { app: 'web', tier: 'front' } }) });
    const byLabel = await call(
      server,
      'GET',
      `${services}?labelSelector=${encodeURIComponent('app=web,tier in (front)')}`,
    );
    assert.deepEqual(
      (byLabel.body['items'] as unknown[]).map((item) => metadata(item)['name']),
      ['labelled'],
    );
    const byName = await call(
      server,
      'GET',
      `/api/v1/services?fieldSelector=${encodeURIComponent('metadata.name=kubernetes')}`,
    );
    assert.deepEqual(
      (byName.body['items'] as unknown[]).map((item) => metadata(item)['namespace']),
      ['default'],
    );
    const byNotNamespace = await call(server, 'GET', `/api/v1/services?fieldSelector=metadata.namespace!=default`);
    assert.deepEqual(byNotNamespace.body['items'], []);
    const unknown = await call(server, 'GET', `${services}?fieldSelector=spec.ports=1`);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body['message'], 'field label not supported: spec.ports');
    const deployments = await call(server, 'GET', '/apis/apps/v1/deployments?fieldSelector=spec.replicas=1');
    assert.equal(
      deployments.body['message'],
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    const badLabel = await call(server, 'GET', `${services}?labelSelector=${encodeURIComponent('a in (')}`);
    assert.equal(badLabel.status, 400);
  });

  test('cross-namespace lists include every namespace', async () => {
    await call(server, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'other' } } });
    await call(server, 'POST', '/api/v1/namespaces/other/services', { body: service('in-other') });
    const response = await call(server, 'GET', '/api/v1/services');
    const namespaces = new Set((response.body['items'] as unknown[]).map((item) => metadata(item)['namespace']));
    assert.ok(namespaces.has('default') && namespaces.has('other'));
  });

  test('unknown paths and resources are 404 the requested resource', async () => {
    for (const path of ['/nope', '/api/v1/widgets', '/apis/example.com/v1/things', '/api/v1/services/x']) {
      const response = await call(server, 'GET', path);
      assert.equal(response.status, 404, path);
      assert.equal(response.body['message'], 'the server could not find the requested resource');
    }
  });

  test('Endpoints responses carry the deprecation warning', async () => {
    const response = await call(server, 'GET', '/api/v1/namespaces/default/endpoints');
    assert.equal(
      response.headers.get('warning'),
      '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"',
    );
  });
});

describe('update', () => {
  test('PUT stores the object; a stale resourceVersion is 409 Conflict', async () => {
    const created = await call(server, 'POST', services, { body: service('put-me') });
    const body = { ...created.body, metadata: { ...metadata(created.body), labels: { v: '2' } } };
    const updated = await call(server, 'PUT', `${services}/put-me`, { body });
    assert.equal(updated.status, 200);
    assert.deepEqual(metadata(updated.body)['labels'], { v: '2' });
    assert.notEqual(metadata(updated.body)['resourceVersion'], metadata(created.body)['resourceVersion']);
    const stale = await call(server, 'PUT', `${services}/put-me`, { body });
    assert.equal(stale.status, 409);
    assert.equal(
      stale.body['message'],
      'Operation cannot be fulfilled on services "put-me": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  test('a PUT naming another object is 400; of a missing one 404', async () => {
    const mismatch = await call(server, 'PUT', `${services}/a`, { body: service('b') });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body['message'], 'the name of the object (b) does not match the name on the URL (a)');
    const missing = await call(server, 'PUT', `${services}/missing`, { body: service('missing') });
    assert.equal(missing.status, 404);
  });

  test('the main resource cannot change status; the status subresource changes only status', async () => {
    const created = await call(server, 'POST', services, {
      body: { ...service('stat'), status: { loadBalancer: {} } },
    });
    const withStatus = { ...created.body, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
    const main = await call(server, 'PUT', `${services}/stat`, { body: withStatus });
    assert.deepEqual(main.body['status'], { loadBalancer: {} });
    const status = await call(server, 'PUT', `${services}/stat/status`, {
      body: { ...withStatus, metadata: { ...metadata(main.body), labels: { ignored: 'yes' } } },
    });
    assert.equal(status.status, 200);
    assert.deepEqual(status.body['status'], { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } });
    assert.equal(metadata(status.body)['labels'], undefined);
  });

  test('generation starts at 1 and grows with spec changes only (Deployments)', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments';
    const deployment = { metadata: { name: 'gen' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } } } };
    const created = await call(server, 'POST', path, { body: deployment });
    assert.equal(metadata(created.body)['generation'], 1);
    const labelled = await call(server, 'PUT', `${path}/gen`, {
      body: { ...created.body, metadata: { ...metadata(created.body), labels: { x: 'y' } } },
    });
    assert.equal(metadata(labelled.body)['generation'], 1);
    const scaled = await call(server, 'PUT', `${path}/gen`, {
      body: { ...labelled.body, spec: { ...(labelled.body['spec'] as object), replicas: 4 } },
    });
    assert.equal(metadata(scaled.body)['generation'], 2);
  });
});
