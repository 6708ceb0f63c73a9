/**
 * Who may do what: the admin token does anything; a node token is `system:node:<name>`, authorized as the Node
 * authorizer and RBAC's `system:node` role authorize it and restricted as NodeRestriction restricts it, answering
 * upstream's 403 messages; health checks take no credentials (GET and HEAD only, no body).
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { call, testToken } from '../src/apiserver/testing.ts';
import { kubeletClientToken } from '../src/client/node-credentials.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';
import { nodeTokenFor } from './support/node-kubeconfig.ts';

let cluster: ClusterApi;
const n1 = nodeTokenFor(testToken, 'n1');
const pods = '/api/v1/namespaces/default/pods';
const leases = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';

const node = (name: string): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
const pod = (name: string, nodeName: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { nodeName, containers: [{ name: 'c', image: 'busybox' }] },
});
const lease = (name: string): Record<string, unknown> => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name, namespace: 'kube-node-lease' },
  spec: { holderIdentity: name },
});

async function as(token: string, method: string, path: string, body?: unknown) {
  return call(cluster.server, method, path, { token, ...(body === undefined ? {} : { body }) });
}

async function stored(path: string): Promise<Record<string, unknown>> {
  const response = await call(cluster.server, 'GET', path);
  assert.equal(response.status, 200, response.text);
  return response.body;
}

function assertForbidden(response: { status: number; body: Record<string, unknown> }, message: string): void {
  assert.equal(response.status, 403, JSON.stringify(response.body));
  assert.equal(response.body['reason'], 'Forbidden');
  assert.equal(response.body['message'], message);
}

before(async () => {
  cluster = await startClusterApi();
  await cluster.expectStatus('POST', '/api/v1/nodes', node('n2'), 201);
  await cluster.expectStatus('POST', pods, pod('on-n1', 'n1'), 201);
  await cluster.expectStatus('POST', pods, pod('on-n2', 'n2'), 201);
  await cluster.expectStatus('POST', leases, lease('n2'), 201);
});

after(async () => {
  await cluster.close();
});

describe('a node token', () => {
  test('does what an agent and kube-proxy do, for its own node', async () => {
    assert.equal((await as(n1, 'POST', '/api/v1/nodes', node('n1'))).status, 201);
    const own = await stored('/api/v1/nodes/n1');
    const status = { ...own, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    assert.equal((await as(n1, 'PUT', '/api/v1/nodes/n1/status', status)).status, 200);
    assert.equal((await as(n1, 'POST', leases, lease('n1'))).status, 201);
    const renewed = { ...(await stored(`${leases}/n1`)), spec: { holderIdentity: 'n1', renewTime: null } };
    assert.equal((await as(n1, 'PUT', `${leases}/n1`, renewed)).status, 200);
    const reads = [
      '/api/v1/nodes',
      '/api/v1/nodes/n2',
      '/api/v1/pods?fieldSelector=spec.nodeName%3Dn1',
      '/api/v1/services',
      '/api/v1/namespaces/default/endpoints',
      '/apis/discovery.k8s.io/v1/endpointslices',
      '/api',
      '/apis',
      '/version',
      '/api/v1',
    ];
    for (const path of reads) assert.equal((await as(n1, 'GET', path)).status, 200, path);
    const mine = await stored(`${pods}/on-n1`);
    assert.equal((await as(n1, 'PUT', `${pods}/on-n1/status`, { ...mine, status: { phase: 'Running' } })).status, 200);
    const event = { metadata: { name: 'e1' }, involvedObject: { kind: 'Node', name: 'n1' }, reason: 'Starting' };
    assert.equal((await as(n1, 'POST', '/api/v1/namespaces/default/events', event)).status, 201);
    assert.equal((await as(n1, 'DELETE', `${pods}/on-n1`, { gracePeriodSeconds: 0 })).status, 200);
  });

  test('cannot modify another node', async () => {
    const other = await stored('/api/v1/nodes/n2');
    const message = 'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"';
    assertForbidden(await as(n1, 'PUT', '/api/v1/nodes/n2', other), message);
    assertForbidden(await as(n1, 'PUT', '/api/v1/nodes/n2/status', other), message);
    assertForbidden(await as(n1, 'POST', '/api/v1/nodes', node('n3')), message.replaceAll('n2', 'n3'));
    const patched = await call(cluster.server, 'PATCH', '/api/v1/nodes/n2', {
      token: n1,
      body: { metadata: { labels: { a: 'b' } } },
      contentType: 'application/merge-patch+json',
    });
    assertForbidden(patched, message);
    const deleted = await as(n1, 'DELETE', '/api/v1/nodes/n2');
    assertForbidden(
      deleted,
      'nodes "n2" is forbidden: User "system:node:n1" cannot delete resource "nodes" in API group "" at the cluster scope',
    );
    assert.equal(metadataLabels(await stored('/api/v1/nodes/n2')), undefined);
  });

  test('cannot create Services or anything else outside its role, in upstream words', async () => {
    const service = { metadata: { name: 'x' }, spec: { ports: [{ port: 80 }] } };
    const created = await as(n1, 'POST', '/api/v1/namespaces/default/services', service);
    assertForbidden(
      created,
      'services is forbidden: User "system:node:n1" cannot create resource "services" in API group "" in the namespace "default"',
    );
    assert.deepEqual(created.body['details'], { kind: 'services' });
    assertForbidden(
      await as(n1, 'GET', '/apis/apps/v1/namespaces/default/deployments/web'),
      'deployments.apps "web" is forbidden: User "system:node:n1" cannot get resource "deployments" in API group "apps" in the namespace "default"',
    );
    assertForbidden(
      await as(n1, 'GET', '/api/v1/namespaces/default/configmaps'),
      'configmaps is forbidden: User "system:node:n1" cannot list resource "configmaps" in API group "" in the namespace "default"',
    );
    assertForbidden(await as(n1, 'POST', '/api', {}), 'forbidden: User "system:node:n1" cannot post path "/api"');
    assertForbidden(
      await as(n1, 'DELETE', pods),
      'pods is forbidden: User "system:node:n1" cannot deletecollection resource "pods" in API group "" in the namespace "default"',
    );
  });

  test('may touch only pods bound to it', async () => {
    const other = await stored(`${pods}/on-n2`);
    assertForbidden(
      await as(n1, 'PUT', `${pods}/on-n2/status`, { ...other, status: { phase: 'Failed' } }),
      'pods "on-n2" is forbidden: node "n1" can only update pod status for pods with spec.nodeName set to itself',
    );
    assertForbidden(
      await as(n1, 'DELETE', `${pods}/on-n2`),
      'pods "on-n2" is forbidden: node "n1" can only delete pods with spec.nodeName set to itself',
    );
    assertForbidden(
      await as(n1, 'PUT', `${pods}/on-n2`, other),
      'pods "on-n2" is forbidden: User "system:node:n1" cannot update resource "pods" in API group "" in the namespace "default"',
    );
    assertForbidden(
      await as(n1, 'POST', pods, pod('new', 'n1')),
      'pods "new" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "n1" can only create mirror pods',
    );
    assert.equal((await stored(`${pods}/on-n2`))['status'] === undefined, false);
    assert.equal((await call(cluster.server, 'GET', `${pods}/on-n2`)).status, 200);
  });

  test('may use only its own Lease', async () => {
    assertForbidden(
      await as(n1, 'GET', `${leases}/n2`),
      'leases.coordination.k8s.io "n2" is forbidden: User "system:node:n1" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease": can only access node lease with the same name as the requesting node',
    );
    assertForbidden(
      await as(n1, 'POST', leases, lease('n9')),
      'leases.coordination.k8s.io "n9" is forbidden: can only access node lease with the same name as the requesting node',
    );
    assertForbidden(
      await as(n1, 'GET', '/apis/coordination.k8s.io/v1/namespaces/default/leases/n1'),
      'leases.coordination.k8s.io "n1" is forbidden: User "system:node:n1" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "default": can only access leases in the "kube-node-lease" system namespace',
    );
  });

  test('that was not issued by the server, or the kubelet-client token, is 401', async () => {
    const forged = `node:n1:${'0'.repeat(64)}`;
    const otherServer = nodeTokenFor('another-admin-token', 'n1');
    for (const token of [forged, otherServer, kubeletClientToken(testToken)]) {
      assert.equal((await as(token, 'GET', '/api/v1/nodes')).status, 401);
    }
  });
});

describe('health checks', () => {
  test('GET and HEAD need no credentials', async () => {
    for (const method of ['GET', 'HEAD']) {
      for (const path of ['/healthz', '/livez', '/readyz']) {
        assert.equal((await call(cluster.server, method, path, { token: null })).status, 200, `${method} ${path}`);
      }
    }
  });

  test('other methods and sub-paths need credentials', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await call(cluster.server, method, '/healthz', { token: null, body: 'x' });
      assert.equal(response.status, 401, method);
    }
    assert.equal((await call(cluster.server, 'GET', '/livez/ping', { token: null })).status, 401);
  });

  test('a body is refused without being read', async () => {
    // fetch refuses to send a GET body, node:http does not.
    const answer = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const headers = { 'content-length': '1024' };
      const request = httpRequest(`${cluster.server.url}/readyz`, { method: 'GET', headers }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection });
      });
      request.on('error', reject);
      request.end('x'.repeat(1024));
    });
    assert.deepEqual(answer, { status: 413, connection: 'close' });
  });
});

function metadataLabels(object: Record<string, unknown>): unknown {
  return (object['metadata'] as Record<string, unknown>)['labels'];
}
