/**
 * Parallel writes against one API server: 100 creates asking for the same nodePort give exactly one Service and 99
 * "provided port is already allocated"; 100 dynamic creates never share a nodePort or a ClusterIP.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call } from '../src/apiserver/testing.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';

let cluster: ClusterApi;

before(async () => {
  cluster = await startClusterApi();
});

after(async () => {
  await cluster.close();
});

function createService(name: string, nodePort?: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const port = nodePort === undefined ? { port: 80 } : { port: 80, nodePort };
  return call(cluster.server, 'POST', '/api/v1/namespaces/default/services', {
    body: { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', ports: [port] } },
  });
}

test('100 parallel creates for one nodePort: exactly one wins', async () => {
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => createService(`same-${i}`, 31155)));
  const created = results.filter((result) => result.status === 201);
  const refused = results.filter((result) => result.status === 422);
  assert.equal(created.length, 1);
  assert.equal(refused.length, 99);
  for (const result of refused) {
    const message = String(result.body['message']);
    assert.match(
      message,
      /^Service "same-\d+" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 31155: provided port is already allocated$/,
    );
  }
});

test('100 parallel dynamic creates never share a nodePort or a ClusterIP', async () => {
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => createService(`dynamic-${i}`)));
  assert.ok(results.every((result) => result.status === 201));
  const specs = results.map((result) => result.body['spec'] as { clusterIP: string; ports: { nodePort: number }[] });
  assert.equal(new Set(specs.map((spec) => spec.ports[0]?.nodePort)).size, 100);
  assert.equal(new Set(specs.map((spec) => spec.clusterIP)).size, 100);
});
