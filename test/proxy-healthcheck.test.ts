/**
 * Health-check node ports end to end (reference §12.1): a LoadBalancer Service with `externalTrafficPolicy: Local`
 * gets a `healthCheckNodePort` from the API server, and the proxy runtime serves it on a real HTTP listener
 * (127.0.0.1 here) with upstream's status, headers and body. Rules go to the fake kernel: no root needed.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Service } from 'kubernetes-types/core/v1.d.ts';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.d.ts';
import { DEFAULT_NODE_PORT_RANGE } from '../src/allocator/port-range.ts';
import { defaultRenderConfig, type RenderConfig } from '../src/proxy/iptables/config.ts';
import { FakeIptablesRunner } from '../src/proxy/runtime/fake-iptables-runner.ts';
import { type ProxyRuntime, startProxyRuntime } from '../src/proxy/runtime/runtime.ts';
import type { ProxySnapshot } from '../src/proxy/types.ts';
import { type ClusterApi, startClusterApi } from './support/cluster-api.ts';

const config: RenderConfig = {
  ...defaultRenderConfig,
  nodeName: 'node-1',
  nodeIP: '10.0.0.10',
  interfaceAddrs: ['10.0.0.10/24'],
  localDetector: { mode: 'ClusterCIDR', cidr: '10.244.0.0/16' },
};

let cluster: ClusterApi;
let runtime: ProxyRuntime;
let healthPort: number;

/** A raw HTTP answer: status, every header as received, and the body bytes as text. */
interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** GET through `node:http` so headers such as Content-Length are seen exactly as sent. */
function get(port: number, path: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function slice(endpoints: { ip: string; node: string; ready: boolean }[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'lb-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'lb' } },
    addressType: 'IPv4',
    endpoints: endpoints.map(({ ip, node, ready }) => ({ addresses: [ip], conditions: { ready }, nodeName: node })),
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

function localReady(applied: ProxySnapshot): number {
  const ips = new Set<string>();
  for (const list of applied.endpoints.get('default/lb')?.values() ?? []) {
    for (const ep of list) if (ep.isLocal && ep.ready && !ep.terminating) ips.add(ep.ip);
  }
  return ips.size;
}

/** Waits, sync by sync, until the applied snapshot satisfies `done`. */
async function syncedWhen(done: (applied: ProxySnapshot) => boolean): Promise<void> {
  const proxier = await runtime.ready;
  while (proxier.applied === undefined || !done(proxier.applied)) await runtime.nextSync();
}

function expectedBody(localEndpoints: number): string {
  return (
    `{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "lb"\n\t},\n` +
    `\t"localEndpoints": ${localEndpoints},\n\t"serviceProxyHealthy": true\n}`
  );
}

describe('health-check node ports served by the proxy runtime', () => {
  before(async () => {
    cluster = await startClusterApi();
    await cluster.expectStatus(
      'POST',
      '/api/v1/nodes',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
      201,
    );
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb', namespace: 'default' },
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    };
    const created = (await cluster.expectStatus(
      'POST',
      '/api/v1/namespaces/default/services',
      service,
      201,
    )) as Service;
    healthPort = created.spec?.healthCheckNodePort ?? 0;
    runtime = await startProxyRuntime({
      kubeConfig: cluster.kubeConfig,
      nodeName: 'node-1',
      ipFamily: 'IPv4',
      renderConfig: () => config,
      iptables: new FakeIptablesRunner('IPv4'),
      minSyncPeriodMs: 10,
      healthzAddress: null,
      metricsAddress: null,
      healthCheckAddresses: ['127.0.0.1'],
    });
  });

  after(async () => {
    await runtime.stop();
    await cluster.close();
  });

  test('the API server allocates a healthCheckNodePort in the node port range', () => {
    assert.ok(healthPort >= DEFAULT_NODE_PORT_RANGE.base, `got ${healthPort}`);
    assert.ok(healthPort < DEFAULT_NODE_PORT_RANGE.base + DEFAULT_NODE_PORT_RANGE.size, `got ${healthPort}`);
  });

  test('no local endpoint: 503 with localEndpoints 0', async () => {
    await syncedWhen((applied) => applied.services.some((svc) => svc.namespacedName === 'default/lb'));
    const answer = await get(healthPort, '/healthz');
    assert.equal(answer.status, 503);
    assert.equal(answer.body, expectedBody(0));
    assert.equal(answer.headers['content-type'], 'application/json');
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    assert.equal(answer.headers['x-load-balancing-endpoint-weight'], '0');
  });

  test('a remote-only ready endpoint still answers 503', async () => {
    const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
    await cluster.expectStatus('POST', path, slice([{ ip: '10.244.2.2', node: 'node-2', ready: true }]), 201);
    await syncedWhen((applied) => (applied.endpoints.get('default/lb')?.size ?? 0) > 0);
    const answer = await get(healthPort, '/');
    assert.equal(answer.status, 503);
    assert.equal(answer.body, expectedBody(0));
  });

  test('a local ready endpoint: 200 with upstream body and headers, on any path', async () => {
    const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/lb-1';
    const endpoints = [
      { ip: '10.244.1.2', node: 'node-1', ready: true },
      { ip: '10.244.1.3', node: 'node-1', ready: false },
      { ip: '10.244.2.2', node: 'node-2', ready: true },
    ];
    await cluster.expectStatus('PUT', path, slice(endpoints), 200);
    await syncedWhen((applied) => localReady(applied) === 1);
    for (const probe of ['/', '/healthz', '/anything?x=1']) {
      const answer = await get(healthPort, probe);
      assert.equal(answer.status, 200);
      assert.equal(answer.body, expectedBody(1));
      assert.equal(answer.headers['content-type'], 'application/json');
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
      assert.equal(answer.headers['x-load-balancing-endpoint-weight'], '1');
      assert.equal(answer.headers['content-length'], String(Buffer.byteLength(expectedBody(1))));
    }
  });

  test('the local endpoint turning unready goes back to 503', async () => {
    const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/lb-1';
    await cluster.expectStatus('PUT', path, slice([{ ip: '10.244.1.2', node: 'node-1', ready: false }]), 200);
    await syncedWhen((applied) => localReady(applied) === 0);
    const answer = await get(healthPort, '/');
    assert.equal(answer.status, 503);
    assert.equal(answer.body, expectedBody(0));
  });

  test('deleting the Service closes its health-check server', async () => {
    await cluster.expectStatus('DELETE', '/api/v1/namespaces/default/services/lb', undefined, 200);
    await syncedWhen((applied) => !applied.services.some((svc) => svc.namespacedName === 'default/lb'));
    await assert.rejects(get(healthPort, '/'), /ECONNREFUSED/);
  });
});
