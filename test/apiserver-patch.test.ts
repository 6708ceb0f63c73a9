// PATCH over real HTTP: the four media types, server-side apply creating objects, the status and scale
// subresources, preconditions and dry runs; plus protobuf request bodies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encodeKubernetesProtobuf } from '../src/apiserver/protobuf/index.ts';
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
const deployments = '/apis/apps/v1/namespaces/default/deployments';
const merge = 'application/merge-patch+json';
const json = 'application/json-patch+json';
const strategic = 'application/strategic-merge-patch+json';
const apply = 'application/apply-patch+yaml';

async function createService(name: string): Promise<Record<string, unknown>> {
  const body = { metadata: { name }, spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
  return (await call(server, 'POST', services, { body })).body;
}

function spec(object: Record<string, unknown>): Record<string, unknown> {
  return object['spec'] as Record<string, unknown>;
}

describe('patch', () => {
  test('merge patch sets and (with null) removes fields', async () => {
    await createService('merged');
    const set = await call(server, 'PATCH', `${services}/merged`, {
      body: { metadata: { labels: { a: '1', b: '2' } } },
      contentType: merge,
    });
    assert.equal(set.status, 200);
    const removed = await call(server, 'PATCH', `${services}/merged`, {
      body: { metadata: { labels: { a: null } } },
      contentType: merge,
    });
    assert.deepEqual(metadata(removed.body)['labels'], { b: '2' });
  });

  test('JSON patch applies operations; a path that does not resolve is 422', async () => {
    await createService('jsonned');
    const ok = await call(server, 'PATCH', `${services}/jsonned`, {
      body: [{ op: 'replace', path: '/spec/ports/0/port', value: 81 }],
      contentType: json,
    });
    assert.equal(ok.status, 200);
    assert.equal((spec(ok.body)['ports'] as { port: number }[])[0]?.port, 81);
    const bad = await call(server, 'PATCH', `${services}/jsonned`, {
      body: [{ op: 'replace', path: '/spec/nope/0', value: 1 }],
      contentType: json,
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.body['reason'], 'Invalid');
    assert.equal(bad.body['message'], 'the server rejected our request due to an error in our request');
  });

  test('strategic merge merges ports by their port number (as kubectl apply sends it)', async () => {
    await createService('strategic');
    const response = await call(server, 'PATCH', `${services}/strategic?fieldManager=kubectl-client-side-apply`, {
      body: { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
      contentType: strategic,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(spec(response.body)['ports'], [{ port: 80, targetPort: 9090 }, { port: 443 }]);
    const ordered = await call(server, 'PATCH', `${services}/strategic`, {
      body: { spec: { '$setElementOrder/ports': [{ port: 443 }, { port: 80 }], ports: [{ port: 443, name: 'tls' }] } },
      contentType: strategic,
    });
    assert.deepEqual(spec(ordered.body)['ports'], [
      { port: 443, name: 'tls' },
      { port: 80, targetPort: 9090 },
    ]);
  });

  test('apply creates a missing object (201), then merges (200); it needs a fieldManager', async () => {
    const manifest = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: applied\nspec:\n  ports:\n  - port: 80\n';
    const created = await call(server, 'PATCH', `${services}/applied?fieldManager=kubectl&force=false`, {
      body: manifest,
      contentType: apply,
    });
    assert.equal(created.status, 201);
    assert.equal(created.body['kind'], 'Service');
    const updated = await call(server, 'PATCH', `${services}/applied?fieldManager=kubectl`, {
      body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'applied', labels: { x: 'y' } } },
      contentType: apply,
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(metadata(updated.body)['labels'], { x: 'y' });
    assert.deepEqual(spec(updated.body)['ports'], [{ port: 80 }]);
    const anonymous = await call(server, 'PATCH', `${services}/applied`, { body: manifest, contentType: apply });
    assert.equal(anonymous.status, 400);
    assert.equal(anonymous.body['message'], 'PATCH, application/apply-patch+yaml requires fieldManager to be set');
  });

  test('other media types are 415 with the upstream list; a missing object is 404', async () => {
    const unsupported = await call(server, 'PATCH', `${services}/kubernetes`, {
      body: {},
      contentType: 'application/json',
    });
    assert.equal(unsupported.status, 415);
    assert.equal(
      unsupported.body['message'],
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    );
    const missing = await call(server, 'PATCH', `${services}/missing`, { body: {}, contentType: merge });
    assert.equal(missing.status, 404);
  });

  test('a pinned stale resourceVersion is 409; dryRun stores nothing', async () => {
    const created = await createService('pinned');
    const stale = await call(server, 'PATCH', `${services}/pinned`, {
      body: { metadata: { resourceVersion: '1', labels: { a: 'b' } } },
      contentType: merge,
    });
    assert.equal(stale.status, 409);
    const dry = await call(server, 'PATCH', `${services}/pinned?dryRun=All`, {
      body: { metadata: { labels: { dry: 'run' } } },
      contentType: merge,
    });
    assert.deepEqual(metadata(dry.body)['labels'], { dry: 'run' });
    const stored = await call(server, 'GET', `${services}/pinned`);
    assert.equal(metadata(stored.body)['resourceVersion'], metadata(created)['resourceVersion']);
  });

  test('a status patch changes status only', async () => {
    await createService('status-patched');
    const response = await call(server, 'PATCH', `${services}/status-patched/status`, {
      body: { metadata: { labels: { no: 'pe' } }, status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }] } } },
      contentType: merge,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body['status'], { loadBalancer: { ingress: [{ ip: '10.0.0.9' }] } });
    assert.equal(metadata(response.body)['labels'], undefined);
  });

  test('kubectl scale: a merge patch of /scale answers a Scale and sets spec.replicas', async () => {
    const deployment = {
      metadata: { name: 'to-scale' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'x' } } },
    };
    await call(server, 'POST', deployments, { body: deployment });
    const response = await call(server, 'PATCH', `${deployments}/to-scale/scale`, {
      body: { spec: { replicas: 3 } },
      contentType: merge,
    });
    assert.equal(response.status, 200);
    assert.equal(response.body['kind'], 'Scale');
    assert.equal(response.body['apiVersion'], 'autoscaling/v1');
    assert.deepEqual(response.body['spec'], { replicas: 3 });
    const stored = await call(server, 'GET', `${deployments}/to-scale`);
    assert.equal(spec(stored.body)['replicas'], 3);
    assert.equal(metadata(stored.body)['generation'], 2);
  });
});

describe('scale subresource', () => {
  const path = deployments;

  test('GET and PUT answer an autoscaling/v1 Scale and write spec.replicas', async () => {
    const deployment = { metadata: { name: 'scaled' }, spec: { replicas: 2, selector: { matchLabels: { app: 's' } } } };
    await call(server, 'POST', path, { body: deployment });
    const scale = await call(server, 'GET', `${path}/scaled/scale`);
    assert.equal(scale.body['kind'], 'Scale');
    assert.equal(scale.body['apiVersion'], 'autoscaling/v1');
    assert.deepEqual(scale.body['spec'], { replicas: 2 });
    assert.deepEqual(scale.body['status'], { replicas: 0, selector: 'app=s' });
    const put = await call(server, 'PUT', `${path}/scaled/scale`, {
      body: { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'scaled' }, spec: { replicas: 5 } },
    });
    assert.equal(put.status, 200);
    assert.equal(put.body['kind'], 'Scale');
    const stored = await call(server, 'GET', `${path}/scaled`);
    assert.equal((stored.body['spec'] as Record<string, unknown>)['replicas'], 5);
    const negative = await call(server, 'PUT', `${path}/scaled/scale`, {
      body: { metadata: { name: 'scaled' }, spec: { replicas: -1 } },
    });
    assert.equal(negative.status, 422);
  });

  test('Services have no scale subresource', async () => {
    assert.equal((await call(server, 'GET', `${services}/kubernetes/scale`)).status, 404);
  });
});

describe('protobuf bodies', () => {
  test('a protobuf Deployment is created as the JSON it encodes', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'from-protobuf', labels: { app: 'pb' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'pb' } },
        template: {
          metadata: { labels: { app: 'pb' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080 }] }] },
        },
      },
    };
    const body = encodeKubernetesProtobuf(deployment);
    const response = await call(server, 'POST', `${deployments}?fieldManager=kubectl-create&fieldValidation=Strict`, {
      body,
      contentType: 'application/vnd.kubernetes.protobuf',
    });
    assert.equal(response.status, 201);
    assert.equal(spec(response.body)['replicas'], 2);
    assert.deepEqual(metadata(response.body)['labels'], { app: 'pb' });
    const template = spec(response.body)['template'] as { spec: { containers: { ports: unknown }[] } };
    assert.deepEqual(template.spec.containers[0]?.ports, [{ containerPort: 8080 }]);
  });

  test('a malformed protobuf body is 400, never a 500', async () => {
    const response = await call(server, 'POST', deployments, {
      body: new Uint8Array([1, 2, 3]),
      contentType: 'application/vnd.kubernetes.protobuf',
    });
    assert.equal(response.status, 400);
    assert.equal(response.body['kind'], 'Status');
  });
});
